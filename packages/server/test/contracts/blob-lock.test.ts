import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobLock } from '../../src/media/blob-lock.ts';
import { TestRedis } from './support/redis.ts';

// The blob lock on one node (a promise chain) and on several (plus a Redis lock). On Redis
// each "node" has its own BlobLock and link; in memory one lock plays both nodes.

/** Runs `count` pieces of work spread over `locks`, and how many ever ran at once. */
async function overlap(locks: BlobLock[], count = 20): Promise<{ most: number; done: number[] }> {
  let running = 0;
  let most = 0;
  const done: number[] = [];
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      locks[i % locks.length]!.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await sleep(Math.random() * 8);
        running -= 1;
        done.push(i);
      }),
    ),
  );
  return { most, done };
}

let redis: TestRedis | undefined;
afterEach(async () => {
  await redis?.close();
  redis = undefined;
});

const kinds: {
  name: string;
  locks(options?: ConstructorParameters<typeof BlobLock>[1]): Promise<BlobLock[]>;
}[] = [
  {
    name: 'memory',
    async locks() {
      const one = new BlobLock();
      return [one, one];
    },
  },
  {
    name: 'Redis',
    async locks(options) {
      redis = new TestRedis();
      return [new BlobLock(await redis.link(), options), new BlobLock(await redis.link(), options)];
    },
  },
];

describe.each(kinds)('the $name blob lock', (kind) => {
  it('never runs two pieces of work at once, whichever node runs them', async () => {
    const { most, done } = await overlap(await kind.locks());
    expect(most).toBe(1);
    expect(done).toHaveLength(20);
  });

  it('hands back the work’s result, and lets the next piece run after one that failed', async () => {
    const [a, b] = (await kind.locks()) as [BlobLock, BlobLock];
    await expect(a.run(async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    const started = Date.now();
    expect(await b.run(async () => 42)).toBe(42);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('the Redis blob lock', () => {
  it('is needed: two nodes with in-process locks only would overlap', async () => {
    const { most } = await overlap([new BlobLock(), new BlobLock()]);
    expect(most).toBeGreaterThan(1);
  });

  it('holds for work that outlasts its time to live, renewing it, and releases it after', async () => {
    const [a, b] = (await kinds[1]!.locks({ ttlMs: 150 })) as [BlobLock, BlobLock];
    const order: string[] = [];
    const long = a.run(async () => {
      order.push('a starts');
      await sleep(600);
      order.push('a ends');
    });
    await sleep(20);
    await b.run(async () => order.push('b runs'));
    await long;
    expect(order).toEqual(['a starts', 'a ends', 'b runs']);
    expect(await redis!.keys()).toEqual([]);
  });

  it('is taken over once a node that died holding it has let it expire', async () => {
    const [a] = (await kinds[1]!.locks()) as [BlobLock];
    await redis!.admin.set(`${redis!.prefix}lock:blobs`, 'a dead node', 'PX', 300);
    const started = Date.now();
    await a.run(async () => {});
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});
