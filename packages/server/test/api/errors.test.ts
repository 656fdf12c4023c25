import { limits } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { defaultPassword, register, uniqueUsername } from '../support/factories.ts';
import { api, expectCleanError, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';

function registration(fields: Record<string, unknown> = {}) {
  return { username: uniqueUsername('alice'), displayName: 'Alice', password: defaultPassword, ...fields };
}

describe.each(dialects)('refusals on %s', (dialect) => {
  const server = useServer(dialect);

  describe('requests Node refuses before any route', () => {
    it("answers a request line past 16 KiB with 431 headers_too_large in Parley's shape, then closes", async () => {
      const res = await api(server(), 'GET', `/users?q=${'%F0%9F%91%8D'.repeat(2000)}`);
      expectError(res, 431, 'headers_too_large');
      expect(res.body.error.message).toContain('16 KiB');
      // Nothing stuck: the next request on a new connection is answered as usual.
      expect((await api(server(), 'GET', '/health')).status).toBe(200);
    });
  });

  describe('bodies', () => {
    it('answers 400 malformed_json for a body that is not JSON', async () => {
      const res = await api(server(), 'POST', '/auth/register', {
        raw: '{"username": "alice",',
        headers: { 'content-type': 'application/json' },
      });
      expectError(res, 400, 'malformed_json');
    });

    it('answers 400 invalid_request naming an unknown field', async () => {
      const res = await api(server(), 'POST', '/auth/register', { json: registration({ isAdmin: true }) });
      expectError(res, 400, 'invalid_request', 'isAdmin');
      expect(res.body.error.message).toContain('isAdmin');
    });

    it('answers 400 invalid_request naming a field of the wrong type', async () => {
      for (const [field, value] of [
        ['username', 123],
        ['displayName', ['Alice']],
        ['password', null],
        ['deviceName', { name: 'Laptop' }],
      ] as const) {
        const res = await api(server(), 'POST', '/auth/register', { json: registration({ [field]: value }) });
        expectError(res, 400, 'invalid_request', field);
      }
    });

    it('answers 400 invalid_request naming a missing field', async () => {
      const { password: _password, ...rest } = registration();
      const res = await api(server(), 'POST', '/auth/register', { json: rest });
      expectError(res, 400, 'invalid_request', 'password');
    });

    it('answers 400 invalid_request naming each string that is too long', async () => {
      const alice = await register(server(), 'alice');
      const tooLong: [string, string, Record<string, unknown>][] = [
        ['/auth/register', 'username', registration({ username: 'a'.repeat(limits.usernameMax + 1) })],
        [
          '/auth/register',
          'displayName',
          registration({ displayName: 'A'.repeat(limits.displayNameMax + 1) }),
        ],
        ['/auth/register', 'password', registration({ password: 'p'.repeat(limits.passwordMax + 1) })],
        ['/auth/register', 'deviceName', registration({ deviceName: 'd'.repeat(limits.deviceNameMax + 1) })],
        ['/auth/register', 'inviteCode', registration({ inviteCode: 'c'.repeat(limits.inviteCodeMax + 1) })],
      ];
      for (const [path, field, json] of tooLong) {
        expectError(await api(server(), 'POST', path, { json }), 400, 'invalid_request', field);
      }
      const bio = await api(server(), 'PATCH', '/me', {
        token: alice.token,
        json: { bio: 'b'.repeat(limits.bioMax + 1) },
      });
      expectError(bio, 400, 'invalid_request', 'bio');
      const name = await api(server(), 'PATCH', '/me', {
        token: alice.token,
        json: { displayName: '字'.repeat(limits.displayNameMax + 1) },
      });
      expectError(name, 400, 'invalid_request', 'displayName');
    });

    it('accepts strings exactly at their limits', async () => {
      const res = await api(server(), 'POST', '/auth/register', {
        json: registration({
          displayName: '字'.repeat(limits.displayNameMax),
          password: 'p'.repeat(limits.passwordMax),
          deviceName: 'd'.repeat(limits.deviceNameMax),
        }),
      });
      expect(res.status).toBe(201);
      const bio = await api(server(), 'PATCH', '/me', {
        token: res.body.token,
        json: { bio: 'b'.repeat(limits.bioMax) },
      });
      expect(bio.status).toBe(200);
    });

    it('refuses a username that is too short or has characters outside the allowed set', async () => {
      for (const username of ['ab', 'alice smith', 'alice@home', '.alice', 'alice.', 'ålice']) {
        const res = await api(server(), 'POST', '/auth/register', { json: registration({ username }) });
        expectError(res, 400, 'invalid_request', 'username');
      }
    });

    it(`answers 413 too_large for a body over ${limits.httpBodyMaxBytes} bytes`, async () => {
      const res = await api(server(), 'POST', '/auth/register', {
        raw: JSON.stringify(registration({ displayName: 'A'.repeat(limits.httpBodyMaxBytes) })),
        headers: { 'content-type': 'application/json' },
      });
      expectError(res, 413, 'too_large');
    });

    it('answers 415 unsupported_media_type for a body that is not JSON by its type', async () => {
      const res = await api(server(), 'POST', '/auth/login', {
        raw: new Uint8Array([1, 2, 3]),
        headers: { 'content-type': 'application/octet-stream' },
      });
      expectError(res, 415, 'unsupported_media_type');
    });

    it('never answers 500 to odd but harmless bodies', async () => {
      const odd = ['null', '[]', '42', '"alice"', 'true', '{"__proto__": {"role": "admin"}}', '{}', ' '];
      for (const raw of odd) {
        const res = await api(server(), 'POST', '/auth/register', {
          raw,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.status, `${raw} → ${res.text}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${raw} → ${res.text}`).toBeLessThan(500);
        expectCleanError(res);
      }
    });

    it('never answers 500 to a NUL character in a name, query or id', async () => {
      const alice = await register(server(), 'alice');
      const token = alice.token;
      const attempts = [
        api(server(), 'POST', '/auth/login', {
          json: { username: 'ali\u0000ce', password: 'whatever password' },
        }),
        api(server(), 'GET', '/users?q=ali%00ce', { token }),
        api(server(), 'GET', '/users/by-username/ali%00ce', { token }),
        api(server(), 'GET', '/users/ali%00ce', { token }),
        api(server(), 'DELETE', '/me/sessions/ali%00ce', { token }),
      ];
      // Finding nothing (401, 404, an empty page) or refusing with 400 are both fine answers.
      for (const res of await Promise.all(attempts)) {
        expect(res.status, res.text).toBeLessThan(500);
        if (res.status >= 400) expectCleanError(res);
      }
    });

    it('refuses text with an unpaired surrogate rather than storing it mangled', async () => {
      const alice = await register(server(), 'alice');
      // JSON.stringify keeps the lone surrogate as the escape \ud800, which is valid JSON.
      const res = await api(server(), 'PATCH', '/me', {
        token: alice.token,
        json: { bio: 'broken \ud800 text' },
      });
      expectError(res, 400, 'invalid_request', 'bio');
    });
  });

  describe('signing in', () => {
    it('answers 401 unauthenticated with WWW-Authenticate when the bearer token is missing', async () => {
      const res = await api(server(), 'GET', '/me');
      expectError(res, 401, 'unauthenticated');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('answers 401 unauthenticated with WWW-Authenticate for a token that is not a live session', async () => {
      for (const authorization of [
        'Bearer not-a-real-token',
        `Bearer ${'x'.repeat(43)}`,
        `Bearer ${'x'.repeat(limits.tokenMax + 1)}`,
        'Bearer ',
        'Basic YWxpY2U6c2VjcmV0',
        'bearer',
      ]) {
        const res = await api(server(), 'GET', '/me', { headers: { authorization } });
        expectError(res, 401, 'unauthenticated');
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
    });
  });

  describe('routes', () => {
    it('answers an unknown route with 404 not_found as JSON', async () => {
      for (const [method, path] of [
        ['GET', '/api/v1/nothing-here'],
        ['POST', '/api/v1/auth/nothing'],
        ['DELETE', '/api/v1/me'],
        ['GET', '/api/v2/me'],
      ] as const) {
        const res = await api(server(), method, path);
        expectError(res, 404, 'not_found');
      }
    });

    it('answers a path with a broken percent escape in the usual error shape', async () => {
      const alice = await register(server(), 'alice');
      const res = await api(server(), 'GET', '/users/by-username/%E0%A4%A', { token: alice.token });
      expect(res.status).toBe(400);
      expectCleanError(res);
      expect(res.body.error.code).toBe('invalid_request');
    });

    it('publishes an OpenAPI document listing the routes at /api/docs/json', async () => {
      const res = await api(server(), 'GET', '/api/docs/json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(res.body.info.title).toBe('Parley API');
      const paths = Object.keys(res.body.paths);
      for (const path of [
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/auth/logout',
        '/api/v1/me',
        '/api/v1/me/password',
        '/api/v1/me/sessions',
        '/api/v1/me/sessions/{id}',
        '/api/v1/users',
        '/api/v1/users/{id}',
        '/api/v1/users/by-username/{username}',
        '/api/v1/invites',
        '/api/v1/server',
      ]) {
        expect(paths).toContain(path);
      }
      expect(Object.keys(res.body.paths['/api/v1/me'])).toEqual(expect.arrayContaining(['get', 'patch']));
      expect(res.body.paths['/api/v1/auth/register'].post.requestBody).toBeDefined();
      // The WebSocket is there as what it is: an upgrade, its frames in PROTOCOL.md.
      expect(Object.keys(res.body.paths['/ws'].get.responses)).toContain('101');
    });
  });
});
