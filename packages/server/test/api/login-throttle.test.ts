import { beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/auth/login-throttle.ts';
import type { TestServer } from '../../src/testing.ts';
import { type Person, register } from '../support/factories.ts';
import { type ApiResponse, api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';

const maxFailures = 3;

interface From {
  /** The client's address, as the trusted proxy (127.0.0.1) reports it in X-Forwarded-For. */
  from?: string;
  knownDevice?: string;
}

function logIn(server: TestServer, person: Person, password: string, { from, knownDevice }: From = {}) {
  return api(server, 'POST', '/auth/login', {
    json: { username: person.username, password, ...(knownDevice !== undefined && { knownDevice }) },
    ...(from !== undefined && { headers: { 'x-forwarded-for': from } }),
  });
}

async function guess(
  server: TestServer,
  person: Person,
  from: string,
  times = maxFailures,
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await logIn(server, person, `wrong ${i}`, { from })).status);
  return statuses;
}

function expectRetryAfter(res: ApiResponse): void {
  expectError(res, 429, 'rate_limited');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  expect(res.body.error.retryAfter).toBe(retryAfter);
}

/**
 * A server whose login throttle is the real one with its waits noted rather than slept
 * through, so that a test can see how long each login was held without timing it.
 */
function useThrottledServer(dialect: (typeof dialects)[number]): {
  server: () => TestServer;
  waits: number[];
} {
  // Addresses come from X-Forwarded-For, as behind a proxy, so one test can be many clients.
  const server = useServer(dialect, { loginMaxFailures: maxFailures, trustProxy: '127.0.0.1' });
  const waits: number[] = [];
  beforeAll(() => {
    const { services } = server().parley;
    services.loginThrottle = new LoginThrottle(maxFailures, services.redis, {
      wait: async (ms) => void waits.push(ms),
    });
  });
  return { server, waits };
}

describe.each(dialects)('login throttling on %s', (dialect) => {
  const { server, waits } = useThrottledServer(dialect);

  it('does not let a guesser at one address keep the owner out from another', async () => {
    const alice = await register(server(), 'alice');
    const statuses = await guess(server(), alice, '198.51.100.1', 12);
    expect(statuses).toEqual([...Array(maxFailures).fill(401), ...Array(12 - maxFailures).fill(429)]);
    const res = await logIn(server(), alice, alice.password, { from: '203.0.113.1' });
    expect(res.status).toBe(200);
  });

  it('refuses the same address for the same account with 429 and Retry-After, even with the right password', async () => {
    const alice = await register(server(), 'alice');
    expect(await guess(server(), alice, '198.51.100.2')).toEqual(Array(maxFailures).fill(401));
    expectRetryAfter(await logIn(server(), alice, alice.password, { from: '198.51.100.2' }));
  });

  it('does not hold back another account at that address', async () => {
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob');
    await guess(server(), alice, '198.51.100.3');
    expect((await logIn(server(), bob, bob.password, { from: '198.51.100.3' })).status).toBe(200);
  });

  it('refuses an address that has failed five times as often as one account may, over all accounts', async () => {
    const people = await Promise.all(
      ['carol', 'dave', 'erin', 'frank', 'gina'].map((name) => register(server(), name)),
    );
    for (const person of people) await guess(server(), person, '198.51.100.4');
    const grace = await register(server(), 'grace');
    expectRetryAfter(await logIn(server(), grace, grace.password, { from: '198.51.100.4' }));
    expect((await logIn(server(), grace, grace.password, { from: '198.51.100.5' })).status).toBe(200);
  });

  it('slows an account guessed at from many addresses, but never shuts the owner out', async () => {
    const alice = await register(server(), 'alice');
    waits.length = 0;
    // Four addresses, each stopped by the pair limit, and the account's count rises past it.
    for (let a = 0; a < 4; a++) await guess(server(), alice, `198.51.101.${a}`);
    expect(waits).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000, 4000, 4000]);
    // Then more guesses from more addresses, and the owner from a new device each time after:
    // held for the longest wait, and in.
    for (let a = 4; a < 8; a++) {
      await guess(server(), alice, `198.51.101.${a}`);
      const owner = await logIn(server(), alice, alice.password, { from: `203.0.113.${a}` });
      expect(owner.status).toBe(200);
      expect(waits.at(-1)).toBe(4000);
    }
    expect(Math.max(...waits)).toBe(4000);
  });

  it('lets a known device in while the account is under attack, where a new device at its address is refused', async () => {
    const alice = await register(server(), 'alice');
    const laptop = await logIn(server(), alice, alice.password, { from: '192.0.2.10' });
    const knownDevice: string = laptop.body.knownDevice;
    expect(knownDevice).toEqual(expect.any(String));
    // The account is guessed at from many addresses, and from the laptop's own (a shared NAT).
    for (let a = 0; a < 4; a++) await guess(server(), alice, `198.51.102.${a}`);
    await guess(server(), alice, '192.0.2.10');
    expectRetryAfter(await logIn(server(), alice, alice.password, { from: '192.0.2.10' }));

    waits.length = 0;
    const again = await logIn(server(), alice, alice.password, { from: '192.0.2.10', knownDevice });
    expect(again.status).toBe(200);
    expect(waits).toEqual([]);
    // It keeps the value it has; a device that brought none gets one of its own.
    expect(again.body.knownDevice).toBe(knownDevice);
    const phone = await logIn(server(), alice, alice.password, { from: '192.0.2.11' });
    expect(phone.status).toBe(200);
    expect(phone.body.knownDevice).not.toBe(knownDevice);
  });

  it('does not let one account’s known device help another account', async () => {
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob');
    const alicesDevice: string = (await logIn(server(), alice, alice.password, { from: '192.0.2.20' })).body
      .knownDevice;
    const bobsDevice: string = (await logIn(server(), bob, bob.password, { from: '192.0.2.21' })).body
      .knownDevice;
    await guess(server(), bob, '192.0.2.20');
    expectRetryAfter(
      await logIn(server(), bob, bob.password, { from: '192.0.2.20', knownDevice: alicesDevice }),
    );
    const withOwn = await logIn(server(), bob, bob.password, { from: '192.0.2.20', knownDevice: bobsDevice });
    expect(withOwn.status).toBe(200);
  });

  it('forgets every known device when the password changes', async () => {
    const alice = await register(server(), 'alice');
    const laptop = await logIn(server(), alice, alice.password, { from: '192.0.2.30' });
    const changed = await api(server(), 'POST', '/me/password', {
      token: laptop.body.token,
      json: { currentPassword: alice.password, newPassword: 'a brand new password' },
      headers: { 'x-forwarded-for': '192.0.2.30' },
    });
    expect(changed.status).toBe(204);
    const renewed = { ...alice, password: 'a brand new password' };
    await guess(server(), renewed, '192.0.2.30');
    const res = await logIn(server(), renewed, renewed.password, {
      from: '192.0.2.30',
      knownDevice: laptop.body.knownDevice,
    });
    expectRetryAfter(res);
  });
});

describe.each(dialects)('guessing the current password on %s', (dialect) => {
  const server = useServer(dialect, { loginMaxFailures: maxFailures });

  it('counts against the same throttle as logging in from that address', async () => {
    const alice = await register(server(), 'alice');
    const change = (currentPassword: string) =>
      api(server(), 'POST', '/me/password', {
        token: alice.token,
        json: { currentPassword, newPassword: 'a brand new password' },
      });
    for (let i = 0; i < maxFailures; i++) expectError(await change('a wrong guess'), 403, 'wrong_password');
    const blocked = await change(alice.password);
    expectError(blocked, 429, 'rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expectError(await logIn(server(), alice, alice.password), 429, 'rate_limited');
  });
});

describe.each(dialects)('a burst of parallel guesses on %s', (dialect) => {
  const server = useServer(dialect, { loginMaxFailures: maxFailures });

  it('gets no more tries from one address than the limit allows', async () => {
    const alice = await register(server(), 'alice');
    const answers = await Promise.all(Array.from({ length: 20 }, () => logIn(server(), alice, 'a guess')));
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(maxFailures);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - maxFailures);
  });
});
