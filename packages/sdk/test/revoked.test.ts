import { closeCodes } from '@parley/protocol';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Connection, ParleyClient } from '../src/index.ts';
import { countingWebSocket, password, signUp } from './support/people.ts';
import { nextEvent, sleep } from './support/wait.ts';

/** Quick retries: if the connection were going to reconnect, it would within a few of these. */
const backoff = { initialMs: 20, maxMs: 40 };

describe('a connection whose session ends', () => {
  let server: TestServer;
  const open: Connection[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(() => {
    for (const connection of open.splice(0)) connection.close();
  });
  afterAll(() => server?.close());

  it('hears session.revoked when signed out from another device, closes and does not reconnect', async () => {
    const alice = await signUp(server, 'alice');
    const aliceOnPhone = await ParleyClient.login({ baseUrl: server.url }, { username: 'alice', password });
    const sockets = countingWebSocket();
    const connection = alice.connect({ WebSocket: sockets.WebSocket, backoff });
    open.push(connection);
    const hello = await connection.opened();

    const revoked = nextEvent(connection, 'session.revoked');
    const closed = nextEvent(connection, 'closed');
    await aliceOnPhone.http.revokeSession(hello.sessionId);

    expect(await revoked).toEqual({ sessionId: hello.sessionId, reason: 'revoked' });
    expect(await closed).toEqual({ code: closeCodes.sessionRevoked, reason: 'revoked' });
    expect(connection.state).toBe('closed');
    await sleep(200);
    expect(sockets.opened).toBe(1);
    expect(connection.state).toBe('closed');
    await expect(connection.request('ping')).rejects.toMatchObject({ code: 'closed' });
  });

  it("closes the client's connections when it logs out", async () => {
    const bob = await signUp(server, 'bob');
    const connection = bob.connect({ backoff });
    open.push(connection);
    await connection.opened();
    const closed = nextEvent(connection, 'closed');
    await bob.logout();
    expect((await closed).code).toBeOneOf([closeCodes.sessionRevoked, 1000]);
    expect(connection.state).toBe('closed');
  });
});
