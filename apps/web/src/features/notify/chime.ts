/**
 * A short two-note chime, synthesised with WebAudio (no sound file to ship or cache).
 * Browsers keep audio locked until the page has had a user gesture, so the context is made
 * (or resumed) on the first click or key press; a chime before that is silently skipped.
 */
let context: AudioContext | null = null;
let last = 0;

function unlock(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume().catch(() => {});
  } catch {
    // no WebAudio: stay silent
  }
}

/** Call once: the next user gesture unlocks audio for later chimes. */
export function prepareChime(): () => void {
  const options = { capture: true } as const;
  addEventListener('pointerdown', unlock, options);
  addEventListener('keydown', unlock, options);
  return () => {
    removeEventListener('pointerdown', unlock, options);
    removeEventListener('keydown', unlock, options);
  };
}

/** Plays the chime; a burst of messages within a second chimes once. */
export function playChime(): void {
  const now = Date.now();
  if (now - last < 1000) return;
  last = now;
  if (!context || context.state !== 'running') return;
  const start = context.currentTime + 0.01;
  note(context, 880, start, 0.18);
  note(context, 1318.5, start + 0.12, 0.3);
}

function note(ctx: AudioContext, frequency: number, at: number, length: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'sine';
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.18, at + 0.015);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
  osc.connect(gain).connect(ctx.destination);
  osc.start(at);
  osc.stop(at + length + 0.02);
}
