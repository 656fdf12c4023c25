import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type Person, befriend, people } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSockets } from '../support/socket.ts';

const pin = (server: TestServer, by: Person, groupId: string, messageId: string) =>
  api(server, 'PUT', `/groups/${groupId}/announcement`, { token: by.token, json: { messageId } });
const unpin = (server: TestServer, by: Person, groupId: string) =>
  api(server, 'DELETE', `/groups/${groupId}/announcement`, { token: by.token });
async function say(server: TestServer, who: Person, conversationId: string, text: string) {
  const res = await api(server, 'POST', `/conversations/${conversationId}/messages`, {
    token: who.token,
    json: { clientMsgId: randomUUID(), text },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; seq: number };
}

/** alice owns a group with bob as admin and carol as a plain member; dave is outside. */
async function staffedGroup(server: TestServer) {
  const [alice, bob, carol, dave] = await people(server, 'alice', 'bob', 'carol', 'dave');
  await befriend(server, alice, bob, carol, dave);
  const group = await makeGroup(server, alice, { memberIds: [bob.user.id, carol.user.id] });
  const promote = await api(server, 'PATCH', `/groups/${group.id}/members/${bob.user.id}`, {
    token: alice.token,
    json: { role: 'admin' },
  });
  expect(promote.status).toBe(200);
  return { alice, bob, carol, dave, group: group as { id: string } } as const;
}

describe.each(dialects)('group announcements on %s', (dialect) => {
  const server = useServer(dialect);

  it('an admin pins a message; every member hears it and sees it on the group', async () => {
    const { alice, bob, carol, group } = await staffedGroup(server());
    const message = await say(server(), carol, group.id, 'Homework is due **Friday**');
    const sockets = await openSockets(server(), alice, carol);
    const res = await pin(server(), bob, group.id, message.id);
    expect(res.status, res.text).toBe(200);
    const announcement = {
      messageId: message.id,
      senderId: carol.user.id,
      text: 'Homework is due **Friday**',
      pinnedBy: bob.user.id,
      pinnedAt: expect.any(String),
    };
    expect(res.body.announcement).toEqual(announcement);
    for (const socket of sockets) {
      const heard = await socket.waitForEvent(
        'conversation.updated',
        (d) => d.id === group.id && d.announcement !== null,
      );
      expect(heard.data.announcement).toEqual(res.body.announcement);
    }
    const seen = await api(server(), 'GET', `/conversations/${group.id}`, { token: carol.token });
    expect(seen.body.announcement).toEqual(res.body.announcement);
    // Pinning it again changes nothing.
    expect((await pin(server(), alice, group.id, message.id)).body.announcement).toEqual(
      res.body.announcement,
    );
    await closeAll(...sockets);
  });

  it('editing the pinned message updates its text; recalling it takes it down', async () => {
    const { alice, carol, group } = await staffedGroup(server());
    const message = await say(server(), alice, group.id, 'Trip on Monday');
    await pin(server(), alice, group.id, message.id);
    const [carolSocket] = await openSockets(server(), carol);
    const edit = await api(server(), 'PATCH', `/messages/${message.id}`, {
      token: alice.token,
      json: { text: 'Trip on Tuesday' },
    });
    expect(edit.status, edit.text).toBe(200);
    const edited = await carolSocket.waitForEvent(
      'conversation.updated',
      (d) => d.id === group.id && d.announcement?.text === 'Trip on Tuesday',
    );
    expect(edited.data.announcement.messageId).toBe(message.id);
    expect(
      (await api(server(), 'POST', `/messages/${message.id}/recall`, { token: alice.token })).status,
    ).toBe(200);
    await carolSocket.waitForEvent(
      'conversation.updated',
      (d) => d.id === group.id && d.announcement === null,
    );
    const seen = await api(server(), 'GET', `/conversations/${group.id}`, { token: carol.token });
    expect(seen.body.announcement).toBeNull();
    await closeAll(carolSocket);
  });

  it('the owner takes it down; a long message is pinned as its start', async () => {
    const { alice, group } = await staffedGroup(server());
    const message = await say(server(), alice, group.id, '长'.repeat(300));
    const pinned = await pin(server(), alice, group.id, message.id);
    expect(pinned.body.announcement.text).toBe('长'.repeat(200));
    const res = await unpin(server(), alice, group.id);
    expect(res.status, res.text).toBe(200);
    expect(res.body.announcement).toBeNull();
    // Taking down none is fine too.
    expect((await unpin(server(), alice, group.id)).status).toBe(200);
  });

  it('refuses members, outsiders, notices, recalled and foreign messages, and the lobby', async () => {
    const { alice, carol, dave, group } = await staffedGroup(server());
    const message = await say(server(), alice, group.id, 'Read me');
    expectError(await pin(server(), carol, group.id, message.id), 403, 'forbidden');
    expectError(await unpin(server(), carol, group.id), 403, 'forbidden');
    expectError(await pin(server(), dave, group.id, message.id), 404, 'not_found');
    const history = await api(server(), 'GET', `/conversations/${group.id}/messages`, { token: alice.token });
    const notice = history.body.messages.find((m: { kind: string }) => m.kind === 'system');
    expectError(await pin(server(), alice, group.id, notice.id), 403, 'forbidden', 'messageId');
    const other = (await makeGroup(server(), alice, { name: 'Other' })) as { id: string };
    const elsewhere = await say(server(), alice, other.id, 'elsewhere');
    expectError(await pin(server(), alice, group.id, elsewhere.id), 404, 'not_found', 'messageId');
    expectError(await pin(server(), alice, group.id, randomUUID()), 404, 'not_found', 'messageId');
    const gone = await say(server(), alice, group.id, 'oops');
    await api(server(), 'POST', `/messages/${gone.id}/recall`, { token: alice.token });
    expectError(await pin(server(), alice, group.id, gone.id), 409, 'recalled', 'messageId');
    const inLobby = await say(server(), alice, 'lobby', 'hello lobby');
    expectError(await pin(server(), alice, 'lobby', inLobby.id), 403, 'forbidden');
    const lobby = await api(server(), 'GET', '/conversations/lobby', { token: alice.token });
    expect(lobby.body.announcement).toBeNull();
  });
});
