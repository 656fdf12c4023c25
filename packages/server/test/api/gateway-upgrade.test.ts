import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { register } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSocket } from '../support/socket.ts';
import { upgrade } from '../support/upgrade.ts';

describe.each(dialects)('the WebSocket upgrade on %s', (dialect) => {
  const server = useServer(dialect);

  it('answers an upgrade anywhere but /ws with 404, and a plain GET /ws with 400 that says to upgrade', async () => {
    expect(await upgrade(server(), {}, '/api/v1/server')).toEqual({ status: 404, code: 'not_found' });
    expect(await upgrade(server(), {}, '/ws/')).toEqual({ status: 404, code: 'not_found' });
    expect(await upgrade(server(), {}, '/ws?v=1')).toEqual({ status: 101 });
    const plain = await api(server(), 'GET', '/ws');
    expectError(plain, 400, 'invalid_request');
    expect(plain.body.error.message).toMatch(/Upgrade: websocket/);
  });

  it('stays up for others when clients hang up in the middle of their upgrade', async () => {
    const { port } = new URL(server().url);
    for (let i = 0; i < 20; i++) {
      const tcp = net.connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => tcp.once('connect', resolve));
      tcp.write(
        'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      );
      // Half of them before the server can answer, half as its answer arrives.
      if (i % 2 === 1) await new Promise((resolve) => tcp.once('data', resolve));
      tcp.resetAndDestroy();
    }
    const alice = await register(server(), 'alice');
    const socket = await openSocket(server(), alice.token);
    expect((await socket.request('ping')).ok).toBeDefined();
    await closeAll(socket);
  });
});

describe.each(dialects)('the per-address connect limit on %s', (dialect) => {
  // Ten sessions' worth, as for HTTP requests: 100 connects a minute.
  const server = useServer(dialect, { requestsPerMinute: 10 });

  it('refuses an address past its connects a minute with 429 and Retry-After; its HTTP budget is its own', async () => {
    const answers = [];
    for (let i = 0; i < 101; i++) answers.push(await upgrade(server(), {}));
    expect(answers.slice(0, 100).every((a) => a.status === 101)).toBe(true);
    expect(answers[100]).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(answers[100]!.retryAfter)).toBeGreaterThan(0);
    expect((await api(server(), 'GET', '/server')).status).toBe(200);
  });
});

describe.each(dialects)('the connect limit behind a trusted proxy on %s', (dialect) => {
  const server = useServer(dialect, { requestsPerMinute: 10, trustProxy: '127.0.0.1' });

  it('counts each client the proxy names on its own, so one school behind nginx does not use up another’s', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const first = [];
    for (let i = 0; i < 100; i++) first.push(await upgrade(server(), from('203.0.113.5')));
    expect(first.every((a) => a.status === 101)).toBe(true);
    expect(await upgrade(server(), from('203.0.113.5'))).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(await upgrade(server(), from('203.0.113.6'))).toEqual({ status: 101 });
  });
});
