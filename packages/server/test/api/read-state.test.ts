import { randomUUID } from 'node:crypto';
import { unreadCountMax } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type Person, befriend, logIn, people } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { settleWithBio } from '../support/markers.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSocket } from '../support/socket.ts';

async function send(server: TestServer, who: Person, conversationId: string, text: string) {
  const res = await api(server, 'POST', `/conversations/${conversationId}/messages`, {
    token: who.token,
    json: { clientMsgId: randomUUID(), text },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { seq: number; id: string };
}

async function conversationOf(server: TestServer, who: Person, id: string) {
  const res = await api(server, 'GET', `/conversations/${id}`, { token: who.token });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

describe.each(dialects)('read state on %s', (dialect) => {
  const server = useServer(dialect);

  async function friendsWithChat() {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [accepted] = await befriend(server(), alice, bob);
    return { alice, bob, carol, chat: accepted.conversationId as string };
  }

  it('counts others’ messages as unread, never my own or system notices', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    expect(await conversationOf(server(), alice, chat)).toMatchObject({ unreadCount: 0, mentionCount: 0 });
    await send(server(), alice, chat, 'hi Bob');
    await send(server(), bob, chat, 'hi Alice');
    const last = await send(server(), bob, chat, 'how are you?');
    expect(await conversationOf(server(), alice, chat)).toMatchObject({ unreadCount: 2, lastSeq: last.seq });
    expect(await conversationOf(server(), bob, chat)).toMatchObject({ unreadCount: 0, readSeq: last.seq });
    const list = await api(server(), 'GET', '/conversations', { token: alice.token });
    expect(list.body.totalUnread).toBe(2);
  });

  it('clears the badge on read, forward only and no further than lastSeq; my other devices hear it', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const first = await send(server(), bob, chat, 'one');
    const second = await send(server(), bob, chat, 'two');
    const phone = await openSocket(server(), alice.token);
    const laptop = await openSocket(server(), (await logIn(server(), alice, 'Laptop')).token);

    const reply = await phone.request('read', { conversationId: chat, seq: first.seq });
    expect(reply.ok).toEqual({ conversationId: chat, readSeq: first.seq, unreadCount: 1, mentionCount: 0 });
    const heard = await laptop.waitForEvent('read.updated', (d) => d.readSeq === first.seq);
    expect(heard.data).toEqual(reply.ok);

    const back = await api(server(), 'POST', `/conversations/${chat}/read`, {
      token: alice.token,
      json: { seq: 0 },
    });
    expect(back.body).toMatchObject({ readSeq: first.seq, unreadCount: 1 });
    const far = await api(server(), 'POST', `/conversations/${chat}/read`, {
      token: alice.token,
      json: { seq: second.seq + 1000 },
    });
    expect(far.body).toEqual({ conversationId: chat, readSeq: second.seq, unreadCount: 0, mentionCount: 0 });
    await laptop.waitForEvent('read.updated', (d) => d.readSeq === second.seq);
    await settleWithBio(server(), alice, laptop);
    // The read that did not move the cursor said nothing.
    expect(laptop.events('read.updated').map((f) => f.data.readSeq)).toEqual([first.seq, second.seq]);
    expect(await conversationOf(server(), alice, chat)).toMatchObject({
      readSeq: second.seq,
      unreadCount: 0,
    });
    await closeAll(phone, laptop);
  });

  it('counts @mentions until they are read past', async () => {
    const { alice, bob, carol } = await friendsWithChat();
    await befriend(server(), alice, carol);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id, carol.user.id] });
    const mention = await send(server(), bob, group.id, `@${alice.username} lunch?`);
    await send(server(), bob, group.id, 'anyone?');
    expect(await conversationOf(server(), alice, group.id)).toMatchObject({
      unreadCount: 2,
      mentionCount: 1,
    });
    expect(await conversationOf(server(), carol, group.id)).toMatchObject({
      unreadCount: 2,
      mentionCount: 0,
    });

    const before = await api(server(), 'POST', `/conversations/${group.id}/read`, {
      token: alice.token,
      json: { seq: mention.seq - 1 },
    });
    expect(before.body).toMatchObject({ unreadCount: 2, mentionCount: 1 });
    const past = await api(server(), 'POST', `/conversations/${group.id}/read`, {
      token: alice.token,
      json: { seq: mention.seq },
    });
    expect(past.body).toMatchObject({ unreadCount: 1, mentionCount: 0 });
  });

  it('stops counting unread at unreadCountMax', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const { last_seq } = await send(server(), bob, chat, 'first').then(() =>
      server()
        .parley.services.store.db.selectFrom('conversations')
        .select('last_seq')
        .where('id', '=', chat)
        .executeTakeFirstOrThrow(),
    );
    // A busy chat written straight to the store: a thousand sends over HTTP would only be slow.
    const extra = unreadCountMax + 5;
    const db = server().parley.services.store.db;
    await db
      .insertInto('messages')
      .values(
        Array.from({ length: extra }, (_, i) => ({
          id: randomUUID(),
          conversation_id: chat,
          seq: last_seq + 1 + i,
          sender_id: bob.user.id,
          kind: 'text' as const,
          body: `n${i}`,
          data: null,
          client_msg_id: null,
          created_at: new Date().toISOString(),
          reply_to_id: null,
          edited_at: null,
          recalled_at: null,
          recalled_by: null,
        })),
      )
      .execute();
    await db
      .updateTable('conversations')
      .set({ last_seq: last_seq + extra })
      .where('id', '=', chat)
      .execute();
    expect(await conversationOf(server(), alice, chat)).toMatchObject({ unreadCount: unreadCountMax });
    const read = await api(server(), 'POST', `/conversations/${chat}/read`, {
      token: alice.token,
      json: { seq: last_seq + extra - 3 },
    });
    expect(read.body).toMatchObject({ unreadCount: 3 });
  });

  it('refuses a read by a non-member or of an unknown conversation, and tells them nothing', async () => {
    const { alice, bob, carol, chat } = await friendsWithChat();
    const carolSocket = await openSocket(server(), carol.token);
    await send(server(), bob, chat, 'private');
    expectError(
      await api(server(), 'POST', `/conversations/${chat}/read`, { token: carol.token, json: { seq: 1 } }),
      404,
      'not_found',
    );
    const viaSocket = await carolSocket.request('read', { conversationId: chat, seq: 1 });
    expect(viaSocket.error?.code).toBe('not_found');
    expectError(
      await api(server(), 'POST', `/conversations/${chat}/read`, { token: alice.token, json: { seq: -1 } }),
      400,
      'invalid_request',
    );
    await api(server(), 'POST', `/conversations/${chat}/read`, { token: alice.token, json: { seq: 99 } });
    await settleWithBio(server(), carol, carolSocket);
    const aboutChat = carolSocket.frames.filter((f) => JSON.stringify(f.data ?? {}).includes(chat));
    expect(aboutChat).toEqual([]);
    await carolSocket.close();
  });
});
