import { describe, expect, it } from 'vitest';
import { befriend, register } from '../support/factories.ts';
import { api } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { type TestSocket, closeAll, openSocket } from '../support/socket.ts';

function presenceOf(socket: TestSocket, userId: string) {
  return socket.events('presence.changed', (d) => d.userId === userId).map((f) => f.data);
}

describe.each(dialects)('presence on %s', (dialect) => {
  const server = useServer(dialect);

  it("tells alice when bob's first socket opens", async () => {
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob');
    await befriend(server(), alice, bob);
    const aliceSocket = await openSocket(server(), alice.token);
    const bobSocket = await openSocket(server(), bob.token);
    const event = await aliceSocket.waitForEvent('presence.changed', (d) => d.userId === bob.user.id);
    expect(event.data).toMatchObject({ userId: bob.user.id, online: true });
    await closeAll(aliceSocket, bobSocket);
  });

  it('sends no second online event for a second socket, and nothing when one of two closes', async () => {
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob');
    await befriend(server(), alice, bob);
    const aliceSocket = await openSocket(server(), alice.token);
    const first = await openSocket(server(), bob.token);
    await aliceSocket.waitForEvent('presence.changed', (d) => d.userId === bob.user.id && d.online);
    const second = await openSocket(server(), bob.token);
    await first.close();
    // Closing the last socket is announced; events arrive in order, so anything the second
    // socket's opening or the first one's closing sent would be in the list before it.
    await second.close();
    await aliceSocket.waitForEvent('presence.changed', (d) => d.userId === bob.user.id && !d.online);
    expect(presenceOf(aliceSocket, bob.user.id).map((d) => d.online)).toEqual([true, false]);
    await aliceSocket.close();
  });

  it('announces the last socket closing with online: false and lastSeenAt', async () => {
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob');
    await befriend(server(), alice, bob);
    const aliceSocket = await openSocket(server(), alice.token);
    const bobSocket = await openSocket(server(), bob.token);
    const before = Date.now();
    await bobSocket.close();
    const event = await aliceSocket.waitForEvent(
      'presence.changed',
      (d) => d.userId === bob.user.id && !d.online,
    );
    expect(event.data).toEqual({ userId: bob.user.id, online: false, lastSeenAt: expect.any(String) });
    expect(Date.parse(event.data.lastSeenAt)).toBeGreaterThanOrEqual(before - 1000);
    await aliceSocket.close();
  });

  it('leaves a user who went offline out of the next hello’s online list', async () => {
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob');
    await befriend(server(), alice, bob);
    const watcher = await openSocket(server(), alice.token);
    const bobSocket = await openSocket(server(), bob.token);
    await bobSocket.close();
    await watcher.waitForEvent('presence.changed', (d) => d.userId === bob.user.id && !d.online);
    const aliceSocket = await openSocket(server(), alice.token);
    expect(aliceSocket.hello.online).not.toContain(bob.user.id);
    await closeAll(watcher, aliceSocket);
  });

  it("delivers events addressed to a user to all of that user's sockets", async () => {
    const alice = await register(server(), 'alice');
    const laptop = await openSocket(server(), alice.token);
    const phone = await openSocket(
      server(),
      (
        await api(server(), 'POST', '/auth/login', {
          json: { username: alice.username, password: alice.password, deviceName: 'Phone' },
        })
      ).body.token,
    );
    const res = await api(server(), 'PATCH', '/me', {
      token: alice.token,
      json: { displayName: 'Alice 🌷' },
    });
    expect(res.status).toBe(200);
    for (const socket of [laptop, phone]) {
      const event = await socket.waitForEvent('user.updated', (d) => d.id === alice.user.id);
      expect(event.data).toMatchObject({
        id: alice.user.id,
        displayName: 'Alice 🌷',
        username: alice.username,
      });
      expect(event.data).not.toHaveProperty('updatedAt');
    }
    await closeAll(laptop, phone);
  });

  it('tells bob when alice changes her profile', async () => {
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob');
    await befriend(server(), alice, bob);
    const bobSocket = await openSocket(server(), bob.token);
    await api(server(), 'PATCH', '/me', { token: alice.token, json: { bio: 'hello there' } });
    const event = await bobSocket.waitForEvent('user.updated', (d) => d.id === alice.user.id);
    expect(event.data.bio).toBe('hello there');
    await bobSocket.close();
  });
});
