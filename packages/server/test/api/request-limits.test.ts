import { describe, expect, it } from 'vitest';
import { register } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';

describe.each(dialects)('request limits on %s', (dialect) => {
  const server = useServer(dialect, { requestsPerMinute: 10, registrationsPerHour: 3 });

  it('refuses a session past its requests per minute with 429 and Retry-After, and not another session', async () => {
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob');
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push(await api(server(), 'GET', '/me', { token: alice.token }));
    expect(answers.slice(0, 10).every((res) => res.status === 200)).toBe(true);
    expectError(answers[10]!, 429, 'rate_limited');
    expect(Number(answers[10]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api(server(), 'GET', '/me', { token: bob.token })).status).toBe(200);
  });

  it('does not let made-up tokens buy fresh budgets: they are refused as unauthenticated', async () => {
    const res = await api(server(), 'GET', '/me', { token: 'madeUpTokenThatIsNotASession' });
    expectError(res, 401, 'unauthenticated');
  });

  it('refuses a fourth registration from one address within the hour', async () => {
    // Two accounts were registered above; the third is allowed, the fourth is not.
    await register(server(), 'carol');
    const res = await api(server(), 'POST', '/auth/register', {
      json: { username: 'dave_limits', displayName: 'Dave', password: 'correct horse battery' },
    });
    expectError(res, 429, 'rate_limited');
  });
});

describe.each(dialects)('the per-address request limit on %s', (dialect) => {
  const server = useServer(dialect, { requestsPerMinute: 10 });

  it('allows an address ten sessions’ worth of requests a minute, then refuses even signed-out ones', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++) statuses.push((await api(server(), 'GET', '/server')).status);
    expect(statuses.slice(0, 100).every((s) => s === 200)).toBe(true);
    expect(statuses[100]).toBe(429);
  });
});
