/**
 * How hard the fuzz suite pushes. QUICK by default (a few hundred cases per property, the
 * whole suite in seconds, as CI runs it); FULL by hand with `PARLEY_FUZZ_RUNS=<n>` or
 * `PARLEY_PROOF_FULL=1` (5,000). The seed is fixed so a CI failure replays exactly on a
 * laptop; `PARLEY_FUZZ_SEED` picks another to explore new inputs.
 */
export const full = process.env.PARLEY_PROOF_FULL === '1';

export function fuzzRuns(quick: number): number {
  const asked = Number(process.env.PARLEY_FUZZ_RUNS);
  if (Number.isInteger(asked) && asked > 0) return asked;
  return full ? 5000 : quick;
}

const seedAsked = process.env.PARLEY_FUZZ_SEED;
export const fuzzSeed = seedAsked && Number.isInteger(Number(seedAsked)) ? Number(seedAsked) : 16;

/** Time for one property: generous per case, since a FULL run on a busy machine is slow. */
export function timeoutFor(runs: number): number {
  return 60_000 + runs * 100;
}

/**
 * One line of figures per property on stderr, for docs/security.md to quote:
 * `[fuzz] ws frames: 400 cases (seed 16), 0 internal, replies ok 80, invalid_request 250 …`.
 */
export function report(
  property: string,
  runs: number,
  figures: Record<string, Record<string, number>>,
): void {
  const parts = Object.entries(figures).map(([name, counts]) => {
    const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
    return `${name} ${entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(', ') : 'none'}`;
  });
  process.stderr.write(`[fuzz] ${property}: ${runs} cases (seed ${fuzzSeed}); ${parts.join('; ')}\n`);
}

/** Adds one to `counts[key]`. */
export function tally(counts: Record<string, number>, key: string | number): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
