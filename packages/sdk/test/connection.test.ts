import { HelloResult, PresenceChanged, PublicUser, closeCodes } from '@parley/protocol';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Connection, type ConnectionState } from '../src/index.ts';
import { signUp } from './support/people.ts';
import { nextEvent } from './support/wait.ts';

describe('a connection', () => {
  let server: TestServer;
  const open: Connection[] = [];
  /** Tracks what a test opens so that afterEach closes it. */
  const track = (connection: Connection) => (open.push(connection), connection);

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(() => {
    for (const connection of open.splice(0)) connection.close();
  });
  afterAll(() => server?.close());

  it('authenticates with the token and says who it is', async () => {
    const alice = await signUp(server, 'alice');
    const connection = track(alice.connect());
    const states: ConnectionState[] = [];
    connection.on('state', (state) => states.push(state));
    expect(connection.state).toBe('connecting');

    const hello = HelloResult.parse(await connection.opened());
    expect(hello.user.id).toBe(alice.auth!.user.id);
    expect(hello.sessionId).toBe(alice.auth!.session.id);
    expect(hello.online).toEqual([]);
    expect(connection.state).toBe('open');
    expect(connection.lastHello).toEqual(hello);
    expect(states).toEqual(['open']);
  });

  it('answers a request with its typed result', async () => {
    const alice = await signUp(server, 'alan');
    const connection = track(alice.connect());
    await connection.opened();
    const { serverTime } = await connection.request('ping');
    expect(Date.parse(serverTime)).not.toBeNaN();
  });

  it("turns an error reply into a ParleyError with the server's code and field", async () => {
    const alice = await signUp(server, 'alma');
    const connection = track(alice.connect());
    await connection.opened();
    // @ts-expect-error -- a field ping does not have, to hear the server refuse it
    const refused = connection.request('ping', { colour: 'blue' });
    await expect(refused).rejects.toMatchObject({
      name: 'ParleyError',
      code: 'invalid_request',
      field: 'colour',
    });
    expect(connection.state).toBe('open');
  });

  it("hears a friend's presence when bob comes online and goes offline", async () => {
    const alice = await signUp(server, 'amy');
    const bob = await signUp(server, 'bob');
    const { request } = await alice.http.friends.request(bob.auth!.user.id, 'hi, it is Amy');
    await bob.http.friends.accept(request.id);
    const aliceLive = track(alice.connect());
    await aliceLive.opened();

    const bobOnline = nextEvent(aliceLive, 'presence.changed', (p) => p.userId === bob.auth!.user.id);
    const bobLive = track(bob.connect());
    const bobHello = await bobLive.opened();
    expect(bobHello.online).toContain(alice.auth!.user.id);
    expect(PresenceChanged.parse(await bobOnline)).toMatchObject({ userId: bob.auth!.user.id, online: true });

    const bobOffline = nextEvent(aliceLive, 'presence.changed', (p) => p.userId === bob.auth!.user.id);
    bobLive.close();
    expect(await bobOffline).toMatchObject({ online: false });
  });

  it('hears user.updated when bob changes his profile', async () => {
    const alice = await signUp(server, 'anna');
    const bob = await signUp(server, 'bert');
    const aliceLive = track(alice.connect());
    await aliceLive.opened();

    const updated = nextEvent(aliceLive, 'user.updated', (u) => u.id === bob.auth!.user.id);
    await bob.http.updateMe({ displayName: 'Bob the Builder' });
    expect(PublicUser.parse(await updated)).toMatchObject({
      username: 'bert',
      displayName: 'Bob the Builder',
    });
  });

  it('refuses requests once closed and does not reopen', async () => {
    const alice = await signUp(server, 'ava');
    const connection = track(alice.connect());
    await connection.opened();
    const closed = nextEvent(connection, 'closed');
    connection.close();
    expect(await closed).toEqual({ code: 1000, reason: 'closed by the client' });
    expect(connection.state).toBe('closed');
    await expect(connection.request('ping')).rejects.toMatchObject({ code: 'closed' });
    await expect(connection.opened()).rejects.toMatchObject({ code: 'closed' });
  });

  it('refuses requests while still connecting instead of queueing them', async () => {
    const alice = await signUp(server, 'abby');
    const connection = track(alice.connect());
    await expect(connection.request('ping')).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('ends for good with 4002 when the token is not a session', async () => {
    const connection = track(new Connection({ url: server.wsUrl, token: 'not-a-real-token', WebSocket }));
    const closed = nextEvent(connection, 'closed');
    await expect(connection.opened()).rejects.toMatchObject({ code: 'closed' });
    expect(await closed).toMatchObject({ code: closeCodes.authFailed });
    expect(connection.state).toBe('closed');
  });
});
