import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { luaScript } from '../cluster/lua.ts';
import type { RedisLink } from '../cluster/redis.ts';

/** Deletes the lock only if it is still ours: an expired lock may have been taken by another node. */
const releaseScript = luaScript<number>(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);
/** Extends the lock only if it is still ours. */
const renewScript = luaScript<number>(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`);

export interface BlobLockOptions {
  /** How long the Redis lock outlives a node that died holding it; renewed every third of it while work runs. */
  ttlMs?: number;
  /** How long to wait for another node's lock (or for Redis to come back) before giving up with an error. */
  waitMs?: number;
}

/**
 * Runs blob bookkeeping one piece at a time: storing a finished upload's blobs and pointing
 * the upload at them, and the sweep's "delete unused blob rows, then their files". Without it
 * a sweep could delete a blob's file just as a new upload of the same bytes found it already
 * there and dropped its own copy.
 *
 * On one node a promise chain is enough. With several (a RedisLink given), each piece also
 * holds `<prefix>lock:blobs` in Redis (SET NX PX, renewed while the work runs, released by
 * compare-and-delete), so no two nodes do blob bookkeeping at once; the chain still queues a
 * node's own work, so it never competes with itself for the Redis lock.
 */
export class BlobLock {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly ttlMs: number;
  private readonly waitMs: number;

  constructor(
    private readonly redis?: RedisLink,
    { ttlMs = 30_000, waitMs = 60_000 }: BlobLockOptions = {},
  ) {
    this.ttlMs = ttlMs;
    this.waitMs = waitMs;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => (this.redis ? this.holding(this.redis, work) : work()));
    this.tail = result.catch(() => {});
    return result;
  }

  private async holding<T>(redis: RedisLink, work: () => Promise<T>): Promise<T> {
    const key = `${redis.prefix}lock:blobs`;
    const token = randomBytes(16).toString('hex');
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const taken = await redis.commands.set(key, token, 'PX', this.ttlMs, 'NX').catch((err: unknown) => err);
      if (taken === 'OK') break;
      if (Date.now() > deadline) {
        throw taken instanceof Error ? taken : new Error('blob lock: another node held it too long');
      }
      await sleep(10 + Math.random() * 40);
    }
    const renewing = setInterval(() => {
      renewScript(redis.commands, [key], [token, this.ttlMs]).catch(() => {});
    }, this.ttlMs / 3);
    try {
      return await work();
    } finally {
      clearInterval(renewing);
      await releaseScript(redis.commands, [key], [token]).catch(() => {});
    }
  }
}
