import { rmSync } from 'node:fs';
import { startTestServer } from '@parley/server/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Connection, type ConnectionState } from '../src/index.ts';
import { signUp } from './support/people.ts';
import { startTcpProxy } from './support/tcp-proxy.ts';
import { sleep, until } from './support/wait.ts';

/** Starting servers is slow on a busy machine. */
const slow = 30_000;

describe('a connection told that the network is back (reconnectNow)', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it(
    'tries again at once instead of waiting out its backoff',
    async () => {
      const first = await startTestServer();
      const { port } = new URL(first.url);
      const { dataDir } = first.parley.services.config;
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const alice = await signUp(first, 'alice');
      // A backoff far longer than the test: only reconnectNow can bring it back in time.
      const connection = alice.connect({ backoff: { initialMs: 60_000, maxMs: 60_000 } });
      cleanups.push(() => connection.close());
      const before = await connection.opened();

      await first.parley.close();
      await until(() => connection.state === 'reconnecting');
      const second = await startTestServer('sqlite', { port: Number(port), dataDir });
      cleanups.push(() => second.close());
      await sleep(100);
      expect(connection.state).toBe('reconnecting');

      connection.reconnectNow();
      const hello = await connection.opened();
      expect(hello.sessionId).toBe(before.sessionId);
      expect((await connection.request('ping')).serverTime).toBeTypeOf('string');
    },
    slow,
  );

  it(
    'checks an open link at once and replaces a socket that died silently',
    async () => {
      const server = await startTestServer();
      cleanups.push(() => server.close());
      const proxy = await startTcpProxy(Number(new URL(server.url).port));
      cleanups.push(() => proxy.close());
      const alice = await signUp(server, 'alice');
      const connection = new Connection({
        url: `ws://127.0.0.1:${proxy.port}/ws`,
        token: alice.token!,
        WebSocket,
        // No heartbeat during the test: only reconnectNow's ping can notice the dead link.
        heartbeatMs: 60_000,
        timeoutMs: 200,
        backoff: { initialMs: 40, maxMs: 200 },
      });
      cleanups.push(() => connection.close());
      await connection.opened();
      const states: ConnectionState[] = [];
      connection.on('state', (state) => states.push(state));

      proxy.freeze();
      connection.reconnectNow();
      await until(() => states.length === 2);
      expect(states).toEqual(['reconnecting', 'open']);
      expect(proxy.accepted).toBe(2);
    },
    slow,
  );

  it(
    'changes nothing on a healthy open link, nor once closed',
    async () => {
      const server = await startTestServer();
      cleanups.push(() => server.close());
      const alice = await signUp(server, 'alice');
      const connection = alice.connect({ timeoutMs: 200 });
      await connection.opened();
      const states: ConnectionState[] = [];
      connection.on('state', (state) => states.push(state));

      connection.reconnectNow();
      await sleep(400);
      expect(states).toEqual([]);
      connection.close();
      connection.reconnectNow();
      await sleep(100);
      expect(states).toEqual(['closed']);
    },
    slow,
  );
});
