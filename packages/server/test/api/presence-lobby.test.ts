import { compareOnline } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { type Person, befriend, people } from '../support/factories.ts';
import { api } from '../support/http.ts';
import { settleWithBio } from '../support/markers.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSocket } from '../support/socket.ts';

async function showPresenceTo(server: Parameters<typeof api>[0], person: Person, to: 'everyone' | 'friends') {
  const res = await api(server, 'PATCH', '/me/settings', {
    token: person.token,
    json: { presenceVisibleTo: to },
  });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

describe.each(dialects)('presence in the lobby on %s', (dialect) => {
  const server = useServer(dialect);
  const online = async (who: Person) =>
    (await api(server(), 'GET', '/presence', { token: who.token })).body.online;

  it('shows bob to carol, a stranger who only shares the lobby with him, as he comes and goes', async () => {
    const [bob, carol] = await people(server(), 'bob', 'carol');
    const carolSocket = await openSocket(server(), carol.token);
    const bobSocket = await openSocket(server(), bob.token);
    expect(bobSocket.hello.online).toContain(carol.user.id);
    await carolSocket.waitForEvent('presence.changed', (d) => d.userId === bob.user.id && d.online);
    expect(await online(carol)).toContain(bob.user.id);
    await bobSocket.close();
    const gone = await carolSocket.waitForEvent(
      'presence.changed',
      (d) => d.userId === bob.user.id && !d.online,
    );
    expect(gone.data).toEqual({ userId: bob.user.id, online: false, lastSeenAt: expect.any(String) });
    await carolSocket.close();
  });

  it('hides bob at once from everyone but his friends when he shows his presence to friends only, and him theirs', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    await befriend(server(), alice, bob);
    const [aliceSocket, carolSocket] = [
      await openSocket(server(), alice.token),
      await openSocket(server(), carol.token),
    ];
    const bobSocket = await openSocket(server(), bob.token);
    await carolSocket.waitForEvent('presence.changed', (d) => d.userId === bob.user.id && d.online);

    expect(await showPresenceTo(server(), bob, 'friends')).toMatchObject({ presenceVisibleTo: 'friends' });
    await bobSocket.waitForEvent('settings.updated', (d) => d.presenceVisibleTo === 'friends');
    const hidden = await carolSocket.waitForEvent(
      'presence.changed',
      (d) => d.userId === bob.user.id && !d.online,
    );
    // Hidden, not gone: no time is given away.
    expect(hidden.data).toEqual({ userId: bob.user.id, online: false, lastSeenAt: null });
    expect(await online(carol)).not.toContain(bob.user.id);
    // Symmetric: bob sees his friend alice, and no longer carol.
    expect(await online(bob)).toContain(alice.user.id);
    expect(await online(bob)).not.toContain(carol.user.id);
    await settleWithBio(server(), alice, aliceSocket);
    expect(aliceSocket.events('presence.changed', (d) => d.userId === bob.user.id && !d.online)).toEqual([]);
    expect(await online(alice)).toContain(bob.user.id);

    await showPresenceTo(server(), bob, 'everyone');
    await carolSocket.waitForEvent('presence.changed', (d) => d.userId === bob.user.id && d.online);
    expect(await online(carol)).toContain(bob.user.id);
    expect(await online(bob)).toContain(carol.user.id);
    await closeAll(aliceSocket, bobSocket, carolSocket);
  });

  it('tells nobody when someone offline changes the setting, and keeps a hidden user out of every hello', async () => {
    const [bob, carol] = await people(server(), 'bob', 'carol');
    await showPresenceTo(server(), bob, 'friends');
    const carolSocket = await openSocket(server(), carol.token);
    const bobSocket = await openSocket(server(), bob.token);
    expect(bobSocket.hello.online).not.toContain(carol.user.id);
    await bobSocket.close();
    await settleWithBio(server(), carol, carolSocket);
    expect(carolSocket.events('presence.changed', (d) => d.userId === bob.user.id)).toEqual([]);
    await carolSocket.close();
  });

  it('lists the members of a conversation online now whom I may see, by name, with a total', async () => {
    const [frank, zoe, carol, dave, erin] = await people(server(), 'frank', 'zoe', 'carol', 'dave', 'erin');
    await showPresenceTo(server(), erin, 'friends');
    await befriend(server(), frank, carol);
    const sockets = [];
    for (const p of [zoe, carol, dave, erin]) sockets.push(await openSocket(server(), p.token));
    const frankSocket = await openSocket(server(), frank.token);
    const ours = new Set([frank, zoe, carol, dave, erin].map((p) => p.user.id));

    const lobby = await api(server(), 'GET', '/conversations/lobby/online', { token: frank.token });
    expect(lobby.status, lobby.text).toBe(200);
    const mine = (lobby.body.users as { id: string }[]).filter((u) => ours.has(u.id));
    // Erin shows her presence to friends only; frank is never in his own list.
    expect(mine.map((u) => u.id)).toEqual([carol.user.id, dave.user.id, zoe.user.id]);
    expect(mine[0]).toEqual({
      id: carol.user.id,
      username: carol.username,
      displayName: 'Carol',
      bio: '',
      avatar: null,
      avatarSmall: null,
      role: 'member',
      createdAt: expect.any(String),
    });
    expect(lobby.body.total).toBe(lobby.body.users.length);
    expect([...lobby.body.users].sort(compareOnline)).toEqual(lobby.body.users);

    // A group that hides presence lists the members frank may see for other reasons: carol,
    // his friend, is online in it.
    const group = await api(server(), 'POST', '/groups', {
      token: carol.token,
      json: { name: 'Quiet room', showPresence: false, memberIds: [frank.user.id] },
    });
    expect(group.status, group.text).toBe(201);
    const quiet = await api(server(), 'GET', `/conversations/${group.body.id}/online`, {
      token: frank.token,
    });
    expect(quiet.body).toEqual({ users: [expect.objectContaining({ id: carol.user.id })], total: 1 });

    // Outside a conversation: not found, as for its messages.
    const outside = await api(server(), 'GET', `/conversations/${group.body.id}/online`, {
      token: zoe.token,
    });
    expect(outside.status).toBe(404);
    expect(outside.body.error.code).toBe('not_found');
    await closeAll(frankSocket, ...sockets);
  });

  it('says everyone by default, and refuses a value it does not know', async () => {
    const [bob] = await people(server(), 'bob');
    const settings = await api(server(), 'GET', '/me/settings', { token: bob.token });
    expect(settings.body).toMatchObject({ presenceVisibleTo: 'everyone' });
    const bad = await api(server(), 'PATCH', '/me/settings', {
      token: bob.token,
      json: { presenceVisibleTo: 'nobody' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
  });
});
