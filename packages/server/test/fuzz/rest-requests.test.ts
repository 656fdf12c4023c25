import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../../src/testing.ts';
import { api, expectCleanError } from '../support/http.ts';
import { type Cast, castFor } from './support/cast.ts';
import { capturingLogger } from './support/log.ts';
import { type RestCase, fuzzedRoutes, restCases } from './support/requests.ts';
import { fuzzRuns, fuzzSeed, report, tally, timeoutFor } from './support/settings.ts';

/**
 * Generated requests to the real routes (docs/testing.md, "Fuzzing"): odd bodies, query strings
 * and path ids never get a 5xx, every refusal has Parley's `{ error: { code, message } }` with no
 * stack, the server logs no error, and it stays ready.
 */
const runs = fuzzRuns(400);
const logs = capturingLogger();
let server: TestServer;
let cast: Cast;

beforeAll(async () => {
  server = await startTestServer('sqlite', {}, { log: logs.log });
  cast = await castFor(server);
});

afterAll(async () => {
  await server?.close();
});

describe('fuzzing the REST API', () => {
  test(
    'no generated request gets a 5xx, and every refusal is a clean Parley error',
    async () => {
      const statuses: Record<string, number> = {};
      const codes: Record<string, number> = {};

      const runCase = async (c: RestCase): Promise<void> => {
        const headers: Record<string, string> = { ...c.headers };
        if (c.contentType !== null) headers['content-type'] = c.contentType;
        if (c.auth === 'alice') headers.authorization = `Bearer ${cast.alice.token}`;
        if (c.auth === 'bogus') headers.authorization = `Bearer ${'A'.repeat(43)}`;
        const res = await api(server, c.method, c.path, {
          headers,
          ...(c.body !== null && { raw: c.body }),
        });
        tally(statuses, res.status);
        expect(
          res.status,
          `${c.method} ${c.path} answered ${res.status} ${res.text.slice(0, 300)}`,
        ).toBeLessThan(500);
        if (res.status >= 400 && c.method !== 'HEAD') {
          expectCleanError(res);
          tally(codes, res.body.error.code);
        }
      };

      const routes = fuzzedRoutes(server.parley.routes);
      await fc.assert(fc.asyncProperty(restCases(cast, routes), runCase), { numRuns: runs, seed: fuzzSeed });

      report(`rest requests over ${routes.length} routes`, runs, { statuses, 'error codes': codes });
    },
    timeoutFor(runs),
  );

  test('fuzzes every route the node registered, the ones added after this suite was written too', () => {
    const routes = fuzzedRoutes(server.parley.routes).map(([method, path]) => `${method} ${path}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/v1/me/delete',
        'GET /api/v1/me/export',
        'POST /api/v1/admin/users/{id}/disable',
        'PATCH /api/v1/admin/settings',
        'POST /api/v1/messages/{id}/report',
        'GET /media/{id}',
      ]),
    );
    expect(routes).not.toContain('POST /api/v1/auth/logout');
    expect(routes.length).toBeGreaterThan(90);
  });

  test('a PATCH of an upload with a JSON body is refused, not a 500 (found by this suite)', async () => {
    const res = await api(server, 'PATCH', '/uploads/%F0%9F%91%8D', {
      token: cast.alice.token,
      headers: { 'tus-resumable': '1.0.0', 'upload-offset': '0' },
      json: {},
    });
    expect(res.status).toBeLessThan(500);
    expectCleanError(res);
  });

  test('afterwards the node is ready, alice still signed in, and nothing was logged as an error', async () => {
    expect((await api(server, 'GET', '/ready')).status).toBe(200);
    expect((await api(server, 'GET', '/me', { token: cast.alice.token })).status).toBe(200);
    expect(logs.errors()).toEqual([]);
  });
});
