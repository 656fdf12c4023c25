import { randomUUID } from 'node:crypto';
import type { RedisLink } from '../../cluster/redis.ts';

/**
 * One export at a time per user: an export reads the user's whole history and every file, so
 * a client (or a script) asking again and again while one streams must not multiply that.
 * Held in this node's memory, and in a cluster also as a Redis lease (renewed while the
 * download runs, so a node that dies frees it within a minute). Redis away: this node's
 * memory alone decides, as the request limits do.
 */
export class ExportLocks {
  private readonly running = new Set<string>();

  /** `leaseMs`: how long a dead node's lease outlives it (renewed every third of it while alive). */
  constructor(
    private readonly redis: RedisLink | undefined,
    private readonly leaseMs = 60_000,
  ) {}

  /** A release function, or null when this user's export is already running. */
  async acquire(userId: string): Promise<(() => void) | null> {
    if (this.running.has(userId)) return null;
    this.running.add(userId);
    const key = `${this.redis?.prefix ?? ''}export:${userId}`;
    const token = randomUUID();
    let renewing: NodeJS.Timeout | undefined;
    if (this.redis) {
      const leaseMs = this.leaseMs;
      const taken = await this.redis.commands.set(key, token, 'PX', leaseMs, 'NX').catch(() => 'OK');
      if (taken !== 'OK') {
        this.running.delete(userId);
        return null;
      }
      const redis = this.redis.commands;
      renewing = setInterval(() => void redis.pexpire(key, leaseMs).catch(() => undefined), leaseMs / 3);
      renewing.unref();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      clearInterval(renewing);
      this.running.delete(userId);
      // Only our own lease: after a long Redis outage another node may hold a new one.
      void this.redis?.commands
        .eval(
          "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0",
          1,
          key,
          token,
        )
        .catch(() => undefined);
    };
  }
}
