import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/auth/login-throttle.ts';
import type { RedisLink } from '../../src/cluster/redis.ts';
import { AppError } from '../../src/errors.ts';
import { SessionRateLimit } from '../../src/http/session-rate-limit.ts';
import { type TestServer, startTestServer } from '../../src/testing.ts';
import { api, expectError } from '../support/http.ts';
import { TestRedis } from './support/redis.ts';

// The same limits suite in memory and on Redis (HOUSE.md habit 8). On Redis each of two
// "nodes" has its own link and limiter, and a client spreading its attempts over them must
// meet the same limit as on one node. In memory one limiter plays both nodes.

interface Pair<T> {
  nodes: [T, T];
  close(): Promise<void>;
}

interface Kind {
  name: string;
  pair<T>(make: (link?: RedisLink) => T): Promise<Pair<T>>;
}

const kinds: Kind[] = [
  {
    name: 'memory',
    async pair(make) {
      const one = make();
      return { nodes: [one, one], close: async () => {} };
    },
  },
  {
    name: 'Redis',
    async pair<T>(make: (link?: RedisLink) => T) {
      const redis = new TestRedis();
      const nodes: [T, T] = [make(await redis.link()), make(await redis.link())];
      return { nodes, close: () => redis.close() };
    },
  },
];

/** The refusal `attempt` ends with, or undefined if it was allowed. */
async function refusal(attempt: Promise<unknown>): Promise<AppError | undefined> {
  try {
    await attempt;
    return undefined;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

describe.each(kinds)('rate limits in $name', (kind) => {
  let pair: { close(): Promise<void> } | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('refuses an account at one address on every node once that pair has failed too often, and nobody else', async () => {
    const { nodes } = (pair = await kind.pair((link) => new LoginThrottle(3, link)));
    for (let i = 0; i < 3; i++)
      expect(await refusal(nodes[i % 2]!.attempt('alice', '10.0.0.1'))).toBeUndefined();
    const refused = await refusal(nodes[1].attempt('alice', '10.0.0.1'));
    expect(refused?.code).toBe('rate_limited');
    expect(refused?.extra.retryAfter).toBeGreaterThan(800);
    expect(refused?.extra.retryAfter).toBeLessThanOrEqual(900);
    // The same account from another address, and another account from this one, go on.
    expect(await refusal(nodes[0].attempt('alice', '10.0.0.2'))).toBeUndefined();
    expect(await refusal(nodes[0].attempt('bob', '10.0.0.1'))).toBeUndefined();
  });

  it('starts a pair over on every node when the password was right', async () => {
    const { nodes } = (pair = await kind.pair((link) => new LoginThrottle(3, link)));
    await nodes[0].attempt('alice', '10.0.0.1');
    const right = await nodes[1].attempt('alice', '10.0.0.1');
    await right.succeeded();
    for (let i = 0; i < 3; i++)
      expect(await refusal(nodes[i % 2]!.attempt('alice', '10.0.0.1'))).toBeUndefined();
    expect((await refusal(nodes[0].attempt('alice', '10.0.0.1')))?.code).toBe('rate_limited');
  });

  it('slows an account’s attempts from many addresses on every node, doubling up to a cap, and never refuses them', async () => {
    const waits: number[] = [];
    const wait = async (ms: number) => void waits.push(ms);
    const { nodes } = (pair = await kind.pair((link) => new LoginThrottle(3, link, { wait })));
    for (let i = 0; i < 10; i++) {
      expect(await refusal(nodes[i % 2]!.attempt('alice', `10.0.1.${i}`))).toBeUndefined();
    }
    // The first three are not slowed (no wait at all), then 0.25 s doubling, at most 4 s.
    expect(waits).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000]);
    // The owner, from yet another address, waits as long as the last guess — and is let in.
    const owner = nodes[0].attempt('alice', '10.0.2.1');
    expect(await refusal(owner)).toBeUndefined();
    await (await owner).succeeded();
    expect(waits.at(-1)).toBe(4000);
  });

  it('lets a known device past the account’s slowdown and a spent address, on a budget of its own', async () => {
    const waits: number[] = [];
    const wait = async (ms: number) => void waits.push(ms);
    const { nodes } = (pair = await kind.pair((link) => new LoginThrottle(3, link, { wait })));
    // The address 10.0.0.5 (a shared NAT) spends its fifteen failures on five accounts, and
    // alice's account is slowed by guesses from elsewhere.
    for (let i = 0; i < 15; i++) await refusal(nodes[i % 2]!.attempt(`user${i % 5}`, '10.0.0.5'));
    for (let i = 0; i < 6; i++) await refusal(nodes[i % 2]!.attempt('alice', `10.0.3.${i}`));
    expect((await refusal(nodes[0].attempt('alice', '10.0.0.5')))?.code).toBe('rate_limited');
    const slowed = waits.length;
    expect(slowed).toBeGreaterThan(0);

    // Alice's laptop, known to the account, is neither refused nor made to wait, on either node.
    for (let i = 0; i < 3; i++)
      expect(await refusal(nodes[i % 2]!.attempt('alice', '10.0.0.5', 'laptop'))).toBeUndefined();
    expect(waits.length).toBe(slowed);
    // Three failures spend the device's own budget: a fourth is an ordinary attempt again,
    // refused at this address, so a stolen value buys no more guesses than a pair gets.
    expect((await refusal(nodes[1].attempt('alice', '10.0.0.5', 'laptop')))?.code).toBe('rate_limited');
    // Another known device of the account has its own budget.
    expect(await refusal(nodes[0].attempt('alice', '10.0.0.5', 'phone'))).toBeUndefined();
  });

  it('counts an address’s failed logins over all accounts and nodes', async () => {
    const { nodes } = (pair = await kind.pair((link) => new LoginThrottle(2, link)));
    for (let i = 0; i < 10; i++)
      expect(await refusal(nodes[i % 2]!.attempt(`user${i}`, '10.0.0.7'))).toBeUndefined();
    const refused = await refusal(nodes[0].attempt('someone', '10.0.0.7'));
    expect(refused?.code).toBe('rate_limited');
    expect(refused?.extra.retryAfter).toBeGreaterThan(0);
  });

  it('shares a session’s request budget between nodes, and not with other sessions', async () => {
    const { nodes } = (pair = await kind.pair((link) => new SessionRateLimit(10, link)));
    for (let i = 0; i < 10; i++) expect(await refusal(nodes[i % 2]!.consume('session-a'))).toBeUndefined();
    const refused = await refusal(nodes[0].consume('session-a'));
    expect(refused?.code).toBe('rate_limited');
    expect(refused?.extra.retryAfter).toBeGreaterThan(0);
    expect(refused?.extra.retryAfter).toBeLessThanOrEqual(60);
    expect(await refusal(nodes[1].consume('session-b'))).toBeUndefined();
  });
});

describe('rate limits on Redis', () => {
  it('keep every key under the prefix', async () => {
    const redis = new TestRedis();
    try {
      const link = await redis.link();
      await new LoginThrottle(3, link).attempt('alice', '10.0.0.1');
      await new SessionRateLimit(10, link).consume('session-a');
      const keys = await redis.keys();
      expect(keys.length).toBeGreaterThanOrEqual(3);
      expect(keys.every((key) => key.startsWith(redis.prefix))).toBe(true);
    } finally {
      await redis.close();
    }
  });

  it('fall back to each node’s own count while Redis is unreachable, rather than failing', async () => {
    const redis = new TestRedis();
    try {
      const throttle = new LoginThrottle(2, await redis.link('redis://127.0.0.1:1'));
      expect(await refusal(throttle.attempt('alice', '10.0.0.1'))).toBeUndefined();
      expect(await refusal(throttle.attempt('alice', '10.0.0.1'))).toBeUndefined();
      expect((await refusal(throttle.attempt('alice', '10.0.0.1')))?.code).toBe('rate_limited');
    } finally {
      await redis.close();
    }
  });
});

describe('the per-address limits of two nodes on one Redis', () => {
  const redis = new TestRedis();
  const nodes: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.close()));
    await redis.close();
  });

  it('count registrations from one address on both nodes together', async () => {
    const settings = { ...redis.nodeSettings(), registrationsPerHour: 3 };
    nodes.push(
      ...(await Promise.all([startTestServer('postgres', settings), startTestServer('postgres', settings)])),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await api(nodes[i % 2]!, 'POST', '/auth/register', {
        json: {
          username: `carol_${i}_${redis.prefix.slice(12, 18)}`,
          displayName: 'Carol',
          password: 'correct horse battery',
        },
      });
      statuses.push(res.status);
      if (i === 3) expectError(res, 429, 'rate_limited');
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect((await redis.keys()).some((key) => key.startsWith(`${redis.prefix}request-limit:`))).toBe(true);
  });
});
