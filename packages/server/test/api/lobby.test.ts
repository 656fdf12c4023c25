import { randomUUID } from 'node:crypto';
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

describe.each(dialects)('the lobby in the chat list on %s', (dialect) => {
  const server = useServer(dialect);
  const lobbyOf = async (who: { token: string }) => {
    const res = await api(server(), 'GET', '/conversations', { token: who.token });
    expect(res.status, res.text).toBe(200);
    return (res.body.conversations as { id: string }[]).find((c) => c.id === 'lobby') as Record<
      string,
      any // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON
    >;
  };

  it('has no preview while it holds only join notices', async () => {
    const alice = await register(server(), 'alice');
    await register(server(), 'bob');
    const lobby = await lobbyOf(alice);
    expect(lobby.lastSeq).toBeGreaterThanOrEqual(2);
    expect(lobby.lastMessage).toBeNull();
  });

  it('previews what people say there, never who joined or left, and counts only that as unread', async () => {
    const alice = await register(server(), 'alice');
    const said = await api(server(), 'POST', '/conversations/lobby/messages', {
      token: alice.token,
      json: { clientMsgId: randomUUID(), text: 'hello, everyone' },
    });
    expect(said.status, said.text).toBe(201);
    const before = await lobbyOf(alice);
    const bob = await register(server(), 'bob');
    const carol = await register(server(), 'carol');
    expect((await api(server(), 'POST', '/groups/lobby/leave', { token: carol.token })).status).toBe(204);

    const lobby = await lobbyOf(alice);
    expect(lobby.lastSeq).toBe(said.body.seq + 3);
    expect(lobby.lastMessage).toMatchObject({ id: said.body.id, text: 'hello, everyone' });
    // The notices did not move it up the list, nor count as unread.
    expect(lobby.updatedAt).toBe(before.updatedAt);
    expect(lobby.unreadCount).toBe(0);
    // The newcomer sees the same preview, and the single conversation and sync agree.
    expect((await lobbyOf(bob)).lastMessage?.id).toBe(said.body.id);
    const one = await api(server(), 'GET', '/conversations/lobby', { token: bob.token });
    expect(one.body.lastMessage?.id).toBe(said.body.id);
    const socket = await openSocket(server(), bob.token);
    const synced = await socket.request('sync', { cursors: {} });
    const lobbySynced = synced.ok.conversations.find((c: { id: string }) => c.id === 'lobby');
    expect(lobbySynced.lastMessage.id).toBe(said.body.id);
    await closeAll(socket);

    const reply = await api(server(), 'POST', '/conversations/lobby/messages', {
      token: bob.token,
      json: { clientMsgId: randomUUID(), text: 'hi alice' },
    });
    const after = await lobbyOf(alice);
    expect(after.lastMessage?.id).toBe(reply.body.id);
    expect(after.unreadCount).toBe(1);
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
