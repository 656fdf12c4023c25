import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type Person, befriend, people } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSocket } from '../support/socket.ts';

async function say(server: TestServer, who: Person, conversationId: string, text: string) {
  const res = await api(server, 'POST', `/conversations/${conversationId}/messages`, {
    token: who.token,
    json: { clientMsgId: randomUUID(), text },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; seq: number };
}
const hide = (server: TestServer, who: Person, messageIds: string[]) =>
  api(server, 'POST', '/messages/hide', { token: who.token, json: { messageIds } });
const texts = async (server: TestServer, who: Person, conversationId: string, query = '') =>
  (
    (await api(server, 'GET', `/conversations/${conversationId}/messages${query}`, { token: who.token })).body
      .messages as { text: string; kind: string }[]
  )
    .filter((m) => m.kind === 'text')
    .map((m) => m.text);

describe.each(dialects)('delete for me on %s', (dialect) => {
  const server = useServer(dialect);

  it('hides messages from my history, changes, search and preview only, and tells all my devices', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [{ conversationId: chat }] = await befriend(server(), alice, bob);
    const first = await say(server(), alice, chat, 'zebra one');
    const second = await say(server(), bob, chat, 'zebra two');
    const third = await say(server(), bob, chat, 'zebra three');
    const phone = await openSocket(server(), alice.token);
    const bobSocket = await openSocket(server(), bob.token);

    const res = await hide(server(), alice, [third.id, first.id]);
    expect(res.status, res.text).toBe(204);
    const heard = await phone.waitForEvent('message.hidden', (d) => d.conversationId === chat);
    expect(heard.data).toEqual({ conversationId: chat, messageIds: [third.id, first.id] });

    expect(await texts(server(), alice, chat)).toEqual(['zebra two']);
    expect(await texts(server(), alice, chat, `?after=0`)).toEqual(['zebra two']);
    expect(await texts(server(), bob, chat)).toEqual(['zebra one', 'zebra two', 'zebra three']);
    const list = await api(server(), 'GET', '/conversations', { token: alice.token });
    const entry = list.body.conversations.find((c: { id: string }) => c.id === chat);
    expect(entry.lastMessage.id).toBe(second.id);
    expect(entry.lastSeq).toBe(third.seq);
    const found = await api(server(), 'GET', '/search/messages?q=zebra', { token: alice.token });
    expect(found.body.results.map((r: { message: { id: string } }) => r.message.id)).toEqual([second.id]);
    const bobFound = await api(server(), 'GET', '/search/messages?q=zebra', { token: bob.token });
    expect(bobFound.body.results).toHaveLength(3);
    // Changes to a hidden message stay out of my changes; bob's show it.
    await api(server(), 'POST', `/messages/${third.id}/recall`, { token: bob.token });
    const changes = await api(server(), 'GET', `/conversations/${chat}/changes?sinceRev=0`, {
      token: alice.token,
    });
    expect(changes.body.messages).toEqual([]);
    const bobChanges = await api(server(), 'GET', `/conversations/${chat}/changes?sinceRev=0`, {
      token: bob.token,
    });
    expect(bobChanges.body.messages.map((m: { id: string }) => m.id)).toEqual([third.id]);
    // Again: nothing changes, and it still answers 204.
    expect((await hide(server(), alice, [first.id])).status).toBe(204);
    expect(bobSocket.events('message.hidden')).toEqual([]);
    await closeAll(phone, bobSocket);
  });

  it('takes messages of several conversations at once, one event each', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [{ conversationId: chat }] = await befriend(server(), alice, bob);
    const inChat = await say(server(), bob, chat, 'hi');
    const inLobby = await say(server(), bob, 'lobby', 'hello all');
    const socket = await openSocket(server(), alice.token);
    expect((await hide(server(), alice, [inChat.id, inLobby.id])).status).toBe(204);
    await socket.waitForEvent('message.hidden', (d) => d.conversationId === chat);
    await socket.waitForEvent('message.hidden', (d) => d.conversationId === 'lobby');
    expect(await texts(server(), alice, 'lobby')).not.toContain('hello all');
    expect(await texts(server(), bob, 'lobby')).toContain('hello all');
    await closeAll(socket);
  });

  it('refuses messages outside my conversations, unknown ids, repeats and too many, hiding nothing', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [{ conversationId: chat }] = await befriend(server(), bob, carol);
    const theirs = await say(server(), bob, chat, 'private');
    const mine = await say(server(), alice, 'lobby', 'mine');
    expectError(await hide(server(), alice, [mine.id, theirs.id]), 404, 'not_found', 'messageIds');
    expectError(await hide(server(), alice, [randomUUID()]), 404, 'not_found', 'messageIds');
    expect(await texts(server(), alice, 'lobby')).toContain('mine');
    expectError(await hide(server(), alice, []), 400, 'invalid_request');
    expectError(await hide(server(), alice, [mine.id, mine.id]), 400, 'invalid_request');
    const many = Array.from({ length: 101 }, () => randomUUID());
    expectError(await hide(server(), alice, many), 400, 'invalid_request');
  });
});
