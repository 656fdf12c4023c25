import { rmSync } from 'node:fs';
import type { HelloResult } from '@parley/protocol';
import { startTestServer } from '@parley/server/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Connection, type ConnectionState } from '../src/index.ts';
import { signUp } from './support/people.ts';
import { type TcpProxy, startTcpProxy } from './support/tcp-proxy.ts';
import { sleep, until } from './support/wait.ts';

/** Quick retries, so that the suite does not wait out production backoff. */
const backoff = { initialMs: 40, maxMs: 200 };

describe('a connection that loses its server', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function record(connection: Connection): { states: ConnectionState[]; hellos: HelloResult[] } {
    const seen = { states: [] as ConnectionState[], hellos: [] as HelloResult[] };
    connection.on('state', (state) => seen.states.push(state));
    connection.on('hello', (hello) => seen.hellos.push(hello));
    return seen;
  }

  it('reconnects to the restarted server and authenticates again with the same token', async () => {
    const first = await startTestServer();
    const { port } = new URL(first.url);
    const { dataDir } = first.parley.services.config;
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const alice = await signUp(first, 'alice');
    const connection = alice.connect({ backoff });
    cleanups.push(() => connection.close());
    const before = await connection.opened();
    const seen = record(connection);

    // The node goes away (close code 1001), and nothing listens on its port for a while.
    await first.parley.close();
    await until(() => connection.state === 'reconnecting');
    await sleep(150);
    expect(connection.state).toBe('reconnecting');

    const second = await startTestServer('sqlite', { port: Number(port), dataDir });
    cleanups.push(() => second.close());
    await until(() => seen.hellos.length === 1);

    expect(seen.states).toEqual(['reconnecting', 'open']);
    expect(seen.hellos[0]!.sessionId).toBe(before.sessionId);
    expect(seen.hellos[0]!.user.id).toBe(alice.auth!.user.id);
    expect((await connection.request('ping')).serverTime).toBeTypeOf('string');
  });

  it('drops a socket whose server stops answering pings and reconnects on a fresh one', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const proxy: TcpProxy = await startTcpProxy(Number(new URL(server.url).port));
    // Before the server: a frozen link would hold its shutdown until the socket times out.
    cleanups.push(() => proxy.close());
    const alice = await signUp(server, 'alice');

    const connection = new Connection({
      url: `ws://127.0.0.1:${proxy.port}/ws`,
      token: alice.token!,
      WebSocket,
      heartbeatMs: 50,
      timeoutMs: 200,
      backoff,
    });
    cleanups.push(() => connection.close());
    await connection.opened();
    const seen = record(connection);

    // Several heartbeats on a healthy link change nothing.
    await sleep(200);
    expect(seen.states).toEqual([]);

    proxy.freeze();
    const unanswered = connection.request('ping');
    await expect(unanswered).rejects.toMatchObject({ code: 'disconnected' });
    await until(() => seen.hellos.length === 1);

    expect(seen.states).toEqual(['reconnecting', 'open']);
    expect(proxy.accepted).toBe(2);
    expect((await connection.request('ping')).serverTime).toBeTypeOf('string');
  });
});
