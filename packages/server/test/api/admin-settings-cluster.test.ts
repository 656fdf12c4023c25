import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../../src/testing.ts';
import { TestRedis } from '../contracts/support/redis.ts';
import { type Person, defaultPassword, register, uniqueUsername } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';

// Two nodes on one PostgreSQL database and one Redis: a setting changed on one applies on the
// other within a second or two, without a restart (live-settings.ts, cluster/settings-notices.ts).

describe('run-time settings across two nodes', () => {
  const redis = new TestRedis();
  let A: TestServer;
  let B: TestServer;
  let admin: Person;
  beforeAll(async () => {
    A = await startTestServer('postgres', redis.nodeSettings());
    B = await startTestServer('postgres', {
      ...redis.nodeSettings(),
      databaseUrl: A.parley.services.config.databaseUrl,
    });
    admin = await register(A, 'admin');
  });
  afterAll(async () => {
    await B?.close();
    await A?.close();
    await redis.close();
  });

  const registerOn = (node: TestServer, name: string) =>
    api(node, 'POST', '/auth/register', {
      json: { username: uniqueUsername(name), displayName: name, password: defaultPassword },
    });
  /** Milliseconds until `node`'s GET /server shows `registration`; fails past 2 s. */
  const untilRegistrationIs = async (node: TestServer, registration: string) => {
    const start = Date.now();
    await expect
      .poll(async () => (await api(node, 'GET', '/server')).body.registration, {
        timeout: 2000,
        interval: 20,
      })
      .toBe(registration);
    return Date.now() - start;
  };

  it('closes registration on the other node within a second or two, and opens it again', async () => {
    expect((await registerOn(B, 'bob')).status).toBe(201);
    const closed = await api(A, 'PATCH', '/admin/settings', {
      token: admin.token,
      json: { registration: 'closed', maxGroupSize: 40 },
    });
    expect(closed.status, closed.text).toBe(200);
    expect(await untilRegistrationIs(B, 'closed')).toBeLessThan(2000);
    expectError(await registerOn(B, 'carol'), 403, 'registration_closed');
    expect((await api(B, 'GET', '/server')).body.maxGroupSize).toBe(40);
    expect((await api(B, 'GET', '/admin/settings', { token: admin.token })).body).toMatchObject({
      registration: 'closed',
      maxGroupSize: 40,
    });

    // And back, changed on B this time.
    const opened = await api(B, 'PATCH', '/admin/settings', {
      token: admin.token,
      json: { registration: 'open' },
    });
    expect(opened.status, opened.text).toBe(200);
    await untilRegistrationIs(A, 'open');
    expect((await registerOn(A, 'carol')).status).toBe(201);
  });
});
