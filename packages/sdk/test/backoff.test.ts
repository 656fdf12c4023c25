import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../src/index.ts';

const options = { initialMs: 100, maxMs: 1000 };

describe('the reconnect backoff', () => {
  it('doubles its ceiling with each attempt up to the maximum', () => {
    const highest = (attempt: number) => backoffDelay(attempt, options, () => 1);
    expect([0, 1, 2, 3, 4, 10, 2000].map(highest)).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it('waits at least half the ceiling, so jitter never brings a retry back to zero', () => {
    const lowest = (attempt: number) => backoffDelay(attempt, options, () => 0);
    expect([0, 1, 2, 3, 4].map(lowest)).toEqual([50, 100, 200, 400, 500]);
  });

  it('spreads the delays of clients retrying at the same attempt', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(3, options)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(400);
  });
});
