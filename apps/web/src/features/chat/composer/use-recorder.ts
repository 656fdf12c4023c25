import { useCallback, useEffect, useRef, useState } from 'react';

/** Longest voice message; the server refuses anything past 60 s, so recording stops just before. */
export const voiceMaxMs = 59_500;
/** Shorter recordings are dropped as a slip of the finger. */
export const voiceMinMs = 700;

/** Opus in WebM (Chromium, Firefox) or Ogg: the containers the server accepts for voice. */
const mimeTypes = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus'];

export type RecorderState =
  | { phase: 'idle' }
  /** Waiting for the microphone (the browser may be asking the user). */
  | { phase: 'starting' }
  | { phase: 'recording'; startedAt: number };

export type RecorderError = 'denied' | 'noMicrophone' | 'unsupported' | 'failed' | 'tooShort';

export interface Recording {
  blob: Blob;
  durationMs: number;
  extension: 'webm' | 'ogg';
}

/** The recording under way: what stop() and the recorder's events share. */
interface LiveRecording {
  recorder: MediaRecorder | null;
  stream: MediaStream | null;
  chunks: Blob[];
  startedAt: number;
  send: boolean;
  /** stop() came while the microphone was still being asked for. */
  stopped: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Records one voice message with MediaRecorder. `start()` asks for the microphone; `stop(true)`
 * hands the recording to `onDone`, `stop(false)` throws it away. The microphone is released
 * (every track stopped) whenever recording ends, and on unmount. Recording stops by itself at
 * voiceMaxMs and is sent.
 */
export function useRecorder(onDone: (recording: Recording) => void, onError: (error: RecorderError) => void) {
  const [state, setState] = useState<RecorderState>({ phase: 'idle' });
  const live = useRef<LiveRecording | null>(null);
  const callbacks = useRef({ onDone, onError });
  callbacks.current = { onDone, onError };

  const release = useCallback(() => {
    const session = live.current;
    if (!session) return;
    clearTimeout(session.timer);
    session.stream?.getTracks().forEach((track) => track.stop());
    live.current = null;
    setState({ phase: 'idle' });
  }, []);

  const stop = useCallback(
    (send: boolean) => {
      const session = live.current;
      if (!session) return;
      session.send = send;
      session.stopped = true;
      if (session.recorder && session.recorder.state !== 'inactive') session.recorder.stop();
      else release();
    },
    [release],
  );

  const start = useCallback(async () => {
    if (live.current) return;
    const mimeType =
      typeof MediaRecorder === 'undefined'
        ? undefined
        : mimeTypes.find((t) => MediaRecorder.isTypeSupported(t));
    if (!mimeType || !navigator.mediaDevices?.getUserMedia) {
      callbacks.current.onError('unsupported');
      return;
    }
    const session: LiveRecording = {
      recorder: null,
      stream: null,
      chunks: [],
      startedAt: 0,
      send: false,
      stopped: false,
      timer: undefined,
    };
    live.current = session;
    setState({ phase: 'starting' });
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (err) {
      if (live.current === session) release();
      const name = err instanceof DOMException ? err.name : '';
      callbacks.current.onError(
        name === 'NotAllowedError' || name === 'SecurityError'
          ? 'denied'
          : name === 'NotFoundError' || name === 'OverconstrainedError'
            ? 'noMicrophone'
            : 'failed',
      );
      return;
    }
    session.stream = stream;
    if (live.current !== session || session.stopped) {
      stream.getTracks().forEach((track) => track.stop());
      if (live.current === session) release();
      return;
    }
    const recorder = new MediaRecorder(stream, { mimeType, audioBitsPerSecond: 32_000 });
    session.recorder = recorder;
    recorder.ondataavailable = (e) => {
      if (e.data.size > 0) session.chunks.push(e.data);
    };
    recorder.onstop = () => {
      const durationMs = Date.now() - session.startedAt;
      const { send, chunks } = session;
      if (live.current === session) release();
      if (!send) return;
      if (durationMs < voiceMinMs) {
        callbacks.current.onError('tooShort');
        return;
      }
      const type = mimeType.split(';')[0]!;
      callbacks.current.onDone({
        blob: new Blob(chunks, { type }),
        durationMs,
        extension: type === 'audio/ogg' ? 'ogg' : 'webm',
      });
    };
    recorder.onerror = () => {
      if (live.current === session) release();
      callbacks.current.onError('failed');
    };
    session.startedAt = Date.now();
    recorder.start(1000);
    session.timer = setTimeout(() => stop(true), voiceMaxMs);
    setState({ phase: 'recording', startedAt: session.startedAt });
  }, [release, stop]);

  // Leaving the chat mid-recording throws the recording away and frees the microphone.
  useEffect(
    () => () => {
      const session = live.current;
      if (!session) return;
      session.send = false;
      session.stopped = true;
      if (session.recorder && session.recorder.state !== 'inactive') session.recorder.stop();
      session.stream?.getTracks().forEach((track) => track.stop());
      clearTimeout(session.timer);
      live.current = null;
    },
    [],
  );

  return { state, start, stop };
}
