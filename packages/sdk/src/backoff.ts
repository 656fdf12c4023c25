export interface BackoffOptions {
  /** Ceiling of the first retry's delay. */
  initialMs: number;
  /** The ceiling stops doubling here. */
  maxMs: number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 500, maxMs: 30_000 };

/**
 * How long to wait before reconnect attempt `attempt` (0 for the first retry): exponential
 * with "equal jitter", a random delay between half the ceiling and the ceiling. The jitter
 * matters when a node restarts: all its clients lose their socket in the same instant and
 * must not come back in the same instant; the lower half keeps the delay growing.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** attempt);
  return ceiling / 2 + random() * (ceiling / 2);
}
