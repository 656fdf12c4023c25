import { describe, expect, it } from 'vitest';
import { befriend, register } from '../support/factories.ts';
import { api } from '../support/http.ts';
import { settleWithBio } from '../support/markers.ts';
import { dialects, useServer } from '../support/server.ts';
import { type TestSocket, closeAll, openSocket } from '../support/socket.ts';

function heardPresenceOf(socket: TestSocket, userId: string): boolean {
  return socket.events('presence.changed', (d) => d.userId === userId).length > 0;
}

// Without a lobby: sharing it would show everyone to everyone (presence-lobby.test.ts).
describe.each(dialects)('who hears presence on %s', (dialect) => {
  const server = useServer(dialect, { lobby: false });

  it('tells a member of a shared group that shows presence, and not one of a group that hides it', async () => {
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob');
    const carol = await register(server(), 'carol');
    const dave = await register(server(), 'dave');
    await befriend(server(), alice, bob);
    await befriend(server(), alice, carol);
    await befriend(server(), alice, dave);
    const shown = await api(server(), 'POST', '/groups', {
      token: alice.token,
      json: { name: 'Class 3', memberIds: [bob.user.id, carol.user.id] },
    });
    expect(shown.status).toBe(201);
    const hidden = await api(server(), 'POST', '/groups', {
      token: alice.token,
      json: { name: 'Quiet room', showPresence: false, memberIds: [bob.user.id, dave.user.id] },
    });
    expect(hidden.status).toBe(201);
    const carolSocket = await openSocket(server(), carol.token);
    const daveSocket = await openSocket(server(), dave.token);
    const bobSocket = await openSocket(server(), bob.token);
    await carolSocket.waitForEvent('presence.changed', (d) => d.userId === bob.user.id && d.online);
    await settleWithBio(server(), dave, daveSocket);
    expect(heardPresenceOf(daveSocket, bob.user.id)).toBe(false);
    await closeAll(carolSocket, daveSocket, bobSocket);
  });

  it('stops presence both ways between a friend and the one who blocked them', async () => {
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob');
    await befriend(server(), alice, bob);
    expect((await api(server(), 'PUT', `/blocks/${bob.user.id}`, { token: alice.token })).status).toBe(204);
    const aliceSocket = await openSocket(server(), alice.token);
    const bobSocket = await openSocket(server(), bob.token);
    expect(bobSocket.hello.online).not.toContain(alice.user.id);
    await settleWithBio(server(), alice, aliceSocket);
    expect(heardPresenceOf(aliceSocket, bob.user.id)).toBe(false);
    await closeAll(aliceSocket, bobSocket);
  });
});

describe.each(dialects)('asking who is online on %s', (dialect) => {
  const server = useServer(dialect, { lobby: false });

  it('answers the online people I may see, and learns of a new group mate without waiting for a change', async () => {
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob');
    const carol = await register(server(), 'carol');
    await befriend(server(), alice, bob, carol);
    const bobSocket = await openSocket(server(), bob.token);
    const ask = async (who: typeof carol) =>
      (await api(server(), 'GET', '/presence', { token: who.token })).body.online;
    expect(await ask(carol)).toEqual([]);
    const group = await api(server(), 'POST', '/groups', {
      token: alice.token,
      json: { name: 'Class 3', memberIds: [bob.user.id, carol.user.id] },
    });
    expect(group.status).toBe(201);
    expect(await ask(carol)).toEqual([bob.user.id]);
    await bobSocket.close();
  });
});
