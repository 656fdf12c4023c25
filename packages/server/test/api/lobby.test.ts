import { describe, expect, it } from 'vitest';
import { register } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSocket } from '../support/socket.ts';

interface Notice {
  notice: { type: string; actorId: string | null; userIds: string[] } | null;
}

describe.each(dialects)('the lobby on %s', (dialect) => {
  const server = useServer(dialect);

  it('is named in the server facts and joined by every new account, with a "joined" notice', async () => {
    const info = await api(server(), 'GET', '/server');
    expect(info.body.lobbyId).toBe('lobby');
    const alice = await register(server(), 'alice');
    const lobby = await api(server(), 'GET', '/conversations/lobby', { token: alice.token });
    expect(lobby.status).toBe(200);
    expect(lobby.body).toMatchObject({
      kind: 'lobby',
      joinPolicy: 'open',
      // Its online list: members who show their presence to everyone (presence-lobby.test.ts).
      showPresence: true,
      myRole: 'member',
    });
    const history = await api(server(), 'GET', '/conversations/lobby/messages', { token: alice.token });
    const notices = history.body.messages.map((m: Notice) => m.notice);
    expect(notices).toContainEqual({
      type: 'member.joined',
      actorId: alice.user.id,
      userIds: [alice.user.id],
    });
  });

  it('tells members online when someone new arrives', async () => {
    const alice = await register(server(), 'alice');
    const socket = await openSocket(server(), alice.token);
    const bob = await register(server(), 'bob');
    const event = await socket.waitForEvent(
      'message.created',
      (d) => d.conversationId === 'lobby' && d.notice?.userIds?.[0] === bob.user.id,
    );
    expect(event.data.notice.type).toBe('member.joined');
    expect(event.data.kind).toBe('system');
    await closeAll(socket);
  });

  it('shows a "left" notice when someone leaves, and lets them come back', async () => {
    const alice = await register(server(), 'alice');
    const bob = await register(server(), 'bob');
    const socket = await openSocket(server(), alice.token);
    expect((await api(server(), 'POST', '/groups/lobby/leave', { token: bob.token })).status).toBe(204);
    const left = await socket.waitForEvent('message.created', (d) => d.notice?.type === 'member.left');
    expect(left.data.notice.userIds).toEqual([bob.user.id]);
    expectError(await api(server(), 'GET', '/conversations/lobby', { token: bob.token }), 404, 'not_found');
    const back = await api(server(), 'POST', '/groups/lobby/join', { token: bob.token, json: {} });
    expect(back.status).toBe(200);
    await socket.waitForEvent(
      'message.created',
      (d) =>
        d.notice?.type === 'member.joined' && d.notice.userIds[0] === bob.user.id && d.seq > left.data.seq,
    );
    await closeAll(socket);
  });
});

describe.each(dialects)('a server without a lobby on %s', (dialect) => {
  const server = useServer(dialect, { lobby: false });

  it('says so and puts nobody in one', async () => {
    expect((await api(server(), 'GET', '/server')).body.lobbyId).toBeNull();
    const alice = await register(server(), 'alice');
    const list = await api(server(), 'GET', '/conversations', { token: alice.token });
    expect(list.body.conversations).toEqual([]);
  });
});
