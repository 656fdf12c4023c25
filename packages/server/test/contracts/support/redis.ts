import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { type RedisLink, openRedis } from '../../../src/cluster/redis.ts';
import { testRedisUrl } from '../../../src/testing.ts';

export const silentLog = pino({ level: 'silent' });

/**
 * A Redis of the tests' own for one suite: a prefix nobody else uses (`parley-test:<random>:`),
 * links opened under it (one per simulated node), and cleanup that deletes that prefix's keys
 * and nothing else (never FLUSHDB: other suites and engineers share the server).
 */
export class TestRedis {
  readonly prefix = `parley-test:${randomBytes(5).toString('hex')}:`;
  /** For the test's own looks into Redis. */
  readonly admin = new Redis(testRedisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
  private readonly links: RedisLink[] = [];
  private blobFolder: string | undefined;

  /** Settings for a whole Parley node (startTestServer on PostgreSQL) on this Redis; every node shares one blob folder. */
  nodeSettings(): { redisUrl: string; redisPrefix: string; blobStore: string } {
    this.blobFolder ??= mkdtempSync(path.join(tmpdir(), 'parley-test-blobs-'));
    return { redisUrl: testRedisUrl, redisPrefix: this.prefix, blobStore: this.blobFolder };
  }

  /** A node's link to the test Redis (or to `url`, e.g. a closed port). */
  async link(url = testRedisUrl): Promise<RedisLink> {
    const link = openRedis(url, silentLog, this.prefix);
    this.links.push(link);
    if (url === testRedisUrl) await Promise.all([ready(link.commands), ready(link.subscriber)]);
    return link;
  }

  /** Every key under the prefix. */
  async keys(): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.admin.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 1000);
      found.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return found;
  }

  /** Deletes the prefix's keys only: what "Redis lost everything" looks like to this suite. */
  async deleteKeys(): Promise<void> {
    const keys = await this.keys();
    if (keys.length > 0) await this.admin.del(...keys);
  }

  async close(): Promise<void> {
    await Promise.all(this.links.splice(0).map((link) => link.close()));
    await this.deleteKeys();
    await this.admin.quit();
    if (this.blobFolder) rmSync(this.blobFolder, { recursive: true, force: true });
  }
}

function ready(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => client.once('ready', () => resolve()));
}

/** Polls `check` until it returns true, or fails after `withinMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, withinMs = 3000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not so within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
