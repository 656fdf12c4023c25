import { randomUUID } from 'node:crypto';
import { limits } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { type Person, befriend, people } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { settleWithBio } from '../support/markers.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSockets } from '../support/socket.ts';

describe.each(dialects)('editing and recalling messages on %s', (dialect) => {
  const server = useServer(dialect);
  const db = () => server().parley.services.store.db;

  async function say(who: Person, conversationId: string, text: string, replyToId?: string) {
    const res = await api(server(), 'POST', `/conversations/${conversationId}/messages`, {
      token: who.token,
      json: { clientMsgId: randomUUID(), text, ...(replyToId && { replyToId }) },
    });
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  }
  const edit = (who: Person, id: string, text: string) =>
    api(server(), 'PATCH', `/messages/${id}`, { token: who.token, json: { text } });
  const recall = (who: Person, id: string) =>
    api(server(), 'POST', `/messages/${id}/recall`, { token: who.token });
  const backdate = (id: string, seconds: number) =>
    db()
      .updateTable('messages')
      .set({ created_at: new Date(Date.now() - seconds * 1000).toISOString() })
      .where('id', '=', id)
      .execute();

  async function chatOf(a: Person, b: Person): Promise<string> {
    const [seen] = await befriend(server(), a, b);
    return seen.conversationId;
  }

  it('the sender edits a text message: mentions are worked out again and members hear message.updated', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const chat = await chatOf(alice, bob);
    const id = await say(alice, chat, 'lunch?');
    const [aliceSocket, bobSocket, carolSocket] = await openSockets(server(), alice, bob, carol);

    const edited = await edit(alice, id, `lunch, @${bob.username}?`);
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ id, text: `lunch, @${bob.username}?`, mentions: [bob.user.id] });
    expect(edited.body.editedAt).toEqual(expect.any(String));
    for (const socket of [aliceSocket, bobSocket]) {
      const heard = await socket.waitForEvent('message.updated', (m) => m.id === id);
      expect(heard.data).toEqual(edited.body);
    }
    const mentionRows = () =>
      db().selectFrom('mentions').selectAll().where('conversation_id', '=', chat).execute();
    expect(await mentionRows()).toEqual([
      { user_id: bob.user.id, conversation_id: chat, seq: edited.body.seq },
    ]);

    const again = await edit(alice, id, 'lunch?');
    expect(again.body.mentions).toEqual([]);
    expect(await mentionRows()).toEqual([]);
    await settleWithBio(server(), carol, carolSocket);
    expect(carolSocket.events('message.updated')).toEqual([]);
    await closeAll(aliceSocket, bobSocket, carolSocket);
  });

  it('refuses edits by others, of notices, of recalled messages, too long, blank, muted, or unseen', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const chat = await chatOf(alice, bob);
    const id = await say(alice, chat, 'first words');
    expectError(await edit(bob, id, 'mine now'), 403, 'forbidden');
    expectError(await edit(carol, id, 'let me in'), 404, 'not_found');
    expectError(await edit(alice, randomUUID(), 'nothing there'), 404, 'not_found');
    expectError(await edit(alice, id, 'x'.repeat(limits.messageTextMax + 1)), 413, 'too_large', 'text');
    expectError(await edit(alice, id, '  '), 400, 'invalid_request', 'text');
    const history = await api(server(), 'GET', `/conversations/${chat}/messages`, { token: alice.token });
    const notice = history.body.messages.find((m: { kind: string }) => m.kind === 'system');
    expectError(await edit(alice, notice.id, 'hello'), 403, 'forbidden');

    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id] });
    const inGroup = await say(bob, group.id, 'before the mute');
    await api(server(), 'PATCH', `/groups/${group.id}/members/${bob.user.id}`, {
      token: alice.token,
      json: { mutedUntil: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expectError(await edit(bob, inGroup, 'after the mute'), 403, 'muted');

    expect((await recall(alice, id)).status).toBe(200);
    expectError(await edit(alice, id, 'back again'), 409, 'recalled');
    const row = await db().selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ body: '', edited_at: null });
  });

  it('a recall empties the message on the server and leaves a tombstone that members hear about', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const chat = await chatOf(alice, bob);
    const id = await say(alice, chat, `a secret for @${bob.username}`);
    const reply = await say(bob, chat, 'got it', id);
    await api(server(), 'PUT', `/messages/${id}/reactions/${encodeURIComponent('👍')}`, { token: bob.token });
    const [bobSocket, carolSocket] = await openSockets(server(), bob, carol);

    const res = await recall(alice, id);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id, text: '', mentions: [], reactions: [], recalledBy: alice.user.id });
    expect(res.body.recalledAt).toEqual(expect.any(String));
    expect((await bobSocket.waitForEvent('message.updated', (m) => m.id === id)).data).toEqual(res.body);

    const row = await db().selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ body: '', data: null, recalled_by: alice.user.id });
    expect(await db().selectFrom('reactions').selectAll().where('message_id', '=', id).execute()).toEqual([]);
    expect(
      await db().selectFrom('mentions').selectAll().where('conversation_id', '=', chat).execute(),
    ).toEqual([]);

    const history = await api(server(), 'GET', `/conversations/${chat}/messages`, { token: bob.token });
    expect(history.text).not.toContain('a secret');
    const byId = (m: { id: string }) => m.id;
    expect(history.body.messages.find((m: { id: string }) => byId(m) === id)).toEqual(res.body);
    const quoting = history.body.messages.find((m: { id: string }) => byId(m) === reply);
    expect(quoting.replyTo).toMatchObject({ id, text: '', recalled: true });

    expectError(await recall(alice, id), 409, 'recalled');
    await settleWithBio(server(), carol, carolSocket);
    expect(carolSocket.events('message.updated')).toEqual([]);
    await closeAll(bobSocket, carolSocket);
  });

  it('members who had not read a message hear their new badges after its edit drops a mention and its recall', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    await befriend(server(), alice, bob);
    await befriend(server(), alice, carol);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id, carol.user.id] });
    const id = await say(alice, group.id, `@${carol.username} @${bob.username} homework`);
    // Bob reads it; Carol does not.
    await say(bob, group.id, 'on it');
    const [bobSocket, carolSocket] = await openSockets(server(), bob, carol);
    expect((await edit(alice, id, `@${bob.username} homework`)).status).toBe(200);
    const afterEdit = await carolSocket.waitForEvent('read.updated', (d) => d.conversationId === group.id);
    // Unread: Alice's message and Bob's reply; the mention of her is gone.
    expect(afterEdit.data).toMatchObject({ unreadCount: 2, mentionCount: 0 });

    expect((await recall(alice, id)).status).toBe(200);
    const afterRecall = await carolSocket.waitForEvent(
      'read.updated',
      (d) => d.conversationId === group.id && d.unreadCount === 1,
    );
    expect(afterRecall.data).toMatchObject({ unreadCount: 1, mentionCount: 0 });
    // Bob had read past it (his own reply): his badges did not move, and nobody tells him.
    await settleWithBio(server(), bob, bobSocket);
    expect(bobSocket.events('read.updated', (d) => d.conversationId === group.id)).toEqual([]);
    await closeAll(bobSocket, carolSocket);
  });

  it('an edit racing a recall never writes text back into the tombstone', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const chat = await chatOf(alice, bob);
    const ids = await Promise.all([1, 2, 3].map((n) => say(alice, chat, `draft ${n}`)));
    await Promise.all(ids.flatMap((id) => [edit(alice, id, 'rewritten'), recall(alice, id)]));
    const rows = await db()
      .selectFrom('messages')
      .select(['body', 'recalled_at'])
      .where('id', 'in', ids)
      .execute();
    expect(rows.map((r) => r.body)).toEqual(['', '', '']);
  });

  it('the sender recalls only within the window; group admins recall anything at any time', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const chat = await chatOf(alice, bob);
    await befriend(server(), alice, carol);
    const window = server().parley.services.config.recallWindowSeconds;

    const old = await say(alice, chat, 'too late to take back');
    await backdate(old, window + 5);
    expectError(await recall(alice, old), 403, 'recall_expired');
    const bobs = await say(bob, chat, 'not yours');
    expectError(await recall(alice, bobs), 403, 'forbidden');
    expectError(await recall(carol, bobs), 404, 'not_found');

    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id, carol.user.id] });
    await api(server(), 'PATCH', `/groups/${group.id}/members/${bob.user.id}`, {
      token: alice.token,
      json: { role: 'admin' },
    });
    const carols = await say(carol, group.id, 'an old message');
    await backdate(carols, window + 5);
    expectError(await recall(carol, carols), 403, 'recall_expired');
    const alices = await say(alice, group.id, 'the owner speaks');
    expectError(await recall(carol, alices), 403, 'forbidden');
    const byAdmin = await recall(bob, carols);
    expect(byAdmin.status, byAdmin.text).toBe(200);
    expect(byAdmin.body).toMatchObject({ senderId: carol.user.id, recalledBy: bob.user.id, text: '' });

    const history = await api(server(), 'GET', `/conversations/${group.id}/messages`, { token: alice.token });
    const notice = history.body.messages.find((m: { kind: string }) => m.kind === 'system');
    expectError(await recall(alice, notice.id), 403, 'forbidden');
  });
});
