/**
 * The delivery proofs run in two sizes: QUICK (the default, part of `npm test`, well under a
 * minute) and FULL (`PARLEY_PROOF_FULL=1`, run by hand; docs/delivery-proof.md has the
 * figures). Each number can also be set on its own.
 */
export const full = process.env.PARLEY_PROOF_FULL === '1';

function setting(name: string, quick: number, fullValue: number): number {
  const value = process.env[name];
  return value !== undefined ? Number(value) : full ? fullValue : quick;
}

export const proof = {
  /** Proof a: members of one group sending at once, each this many messages. */
  members: setting('PARLEY_PROOF_MEMBERS', 6, 6),
  messagesEach: setting('PARLEY_PROOF_MESSAGES_EACH', 50, 300),
  /** Proof a: a random member's socket is cut about this often. */
  cutEveryMs: setting('PARLEY_PROOF_CUT_EVERY_MS', 150, 150),
  /** Proof b: messages sent while one member is offline. */
  offlineMessages: setting('PARLEY_PROOF_OFFLINE_MESSAGES', 500, 500),
  /** Proof c: times the server process is killed with SIGKILL. */
  kills: setting('PARLEY_PROOF_KILLS', 3, 30),
  /** Proof c: members sending continuously through the outbox. */
  crashSenders: setting('PARLEY_PROOF_CRASH_SENDERS', 4, 4),
  /** Proof c: PostgreSQL too (always in FULL). */
  crashPostgres: full || process.env.PARLEY_PROOF_CRASH_POSTGRES === '1',
};

/**
 * Test timeouts grow with the settings. QUICK allows two minutes: in CI the crash proof runs
 * beside the cluster suites, whose node processes starting at once slow every restart (a
 * 14 s run alone took 42 s there).
 */
export const proofTimeoutMs = full ? 20 * 60_000 : 120_000;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves once `condition()` holds, checking every few milliseconds. */
export async function until(condition: () => boolean, timeoutMs: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** One line of figures for the test log (and docs/delivery-proof.md). */
export function report(name: string, figures: Record<string, number | string>): void {
  const text = Object.entries(figures)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  console.warn(`[delivery proof] ${name}: ${text}`);
}
