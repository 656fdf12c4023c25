import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type Person, register } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';

const maxFailures = 3;

function logIn(server: TestServer, person: Person, password: string) {
  return api(server, 'POST', '/auth/login', { json: { username: person.username, password } });
}

describe.each(dialects)('login throttling on %s', (dialect) => {
  // Its own server: the per-address count is shared by every login from 127.0.0.1.
  const server = useServer(dialect, { loginMaxFailures: maxFailures });

  it('blocks an account after too many failures, even with the right password, with 429 and Retry-After', async () => {
    const alice = await register(server(), 'alice');
    for (let i = 0; i < maxFailures; i++) {
      expectError(await logIn(server(), alice, 'wrong password'), 401, 'invalid_credentials');
    }
    const blocked = await logIn(server(), alice, alice.password);
    expectError(blocked, 429, 'rate_limited');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(blocked.body.error.retryAfter).toBe(retryAfter);
  });

  it('does not yet block another account from the same address', async () => {
    const bob = await register(server(), 'bob');
    const res = await logIn(server(), bob, bob.password);
    expect(res.status).toBe(200);
  });

  it('blocks the whole address once it has failed five times as often as one account may', async () => {
    // The first test spent `maxFailures` of the address's 5 × maxFailures; spend the rest on
    // four more accounts, each stopping at its own limit.
    const people = await Promise.all(
      ['carol', 'dave', 'erin', 'frank'].map((name) => register(server(), name)),
    );
    for (const person of people) {
      for (let i = 0; i < maxFailures; i++) {
        expectError(await logIn(server(), person, 'wrong password'), 401, 'invalid_credentials');
      }
    }
    const grace = await register(server(), 'grace');
    const blocked = await logIn(server(), grace, grace.password);
    expectError(blocked, 429, 'rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe.each(dialects)('guessing the current password on %s', (dialect) => {
  const server = useServer(dialect, { loginMaxFailures: maxFailures });

  it('counts against the same throttle as logging in', async () => {
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

  it('gets no more tries than the limit allows', async () => {
    const alice = await register(server(), 'alice');
    const answers = await Promise.all(Array.from({ length: 20 }, () => logIn(server(), alice, 'a guess')));
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(maxFailures);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - maxFailures);
  });
});
