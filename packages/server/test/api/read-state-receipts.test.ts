import { randomUUID } from 'node:crypto';
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
  return res.body as { seq: number };
}

describe.each(dialects)('read receipts on %s', (dialect) => {
  const server = useServer(dialect);
  const read = (who: Person, id: string, seq: number) =>
    api(server(), 'POST', `/conversations/${id}/read`, { token: who.token, json: { seq } });
  const peerReadSeq = async (who: Person, id: string) =>
    (await api(server(), 'GET', `/conversations/${id}`, { token: who.token })).body.peerReadSeq;
  const setReceipts = (who: Person, readReceipts: boolean) =>
    api(server(), 'PATCH', '/me/settings', { token: who.token, json: { readReceipts } });

  async function friendsWithChat() {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [accepted] = await befriend(server(), alice, bob);
    return { alice, bob, chat: accepted.conversationId as string };
  }

  it('tells the other person of a direct conversation how far I have read', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const bobSocket = await openSocket(server(), bob.token);
    const sent = await send(server(), bob, chat, 'did you see this?');
    expect((await read(alice, chat, sent.seq)).status).toBe(200);
    const heard = await bobSocket.waitForEvent('receipt.updated', (d) => d.conversationId === chat);
    expect(heard.data).toEqual({ conversationId: chat, userId: alice.user.id, readSeq: sent.seq });
    expect(await peerReadSeq(bob, chat)).toBe(sent.seq);
    expect(await peerReadSeq(alice, chat)).toBe(sent.seq); // bob's send marked it read for him
    await bobSocket.close();
  });

  it('tells the other person I have read their message when I reply without reading first', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const [aliceSocket, aliceLaptop, bobSocket] = await Promise.all([
      openSocket(server(), alice.token),
      openSocket(server(), (await logIn(server(), alice, 'Laptop')).token),
      openSocket(server(), bob.token),
    ]);
    const question = await send(server(), bob, chat, 'lunch?');
    await read(alice, chat, question.seq); // bob sees "read" on his question
    await bobSocket.waitForEvent('receipt.updated', (d) => d.readSeq === question.seq);
    const followUp = await send(server(), bob, chat, 'at noon?');

    // Alice answers at once, with no `read` of her own: her reply reads his follow-up.
    const reply = await aliceSocket.request('message.send', {
      conversationId: chat,
      clientMsgId: randomUUID(),
      text: 'yes!',
    });
    expect(reply.error).toBeUndefined();
    const replySeq = reply.ok.seq as number;
    expect(replySeq).toBe(followUp.seq + 1);

    const heard = await bobSocket.waitForEvent('receipt.updated', (d) => d.readSeq === replySeq);
    expect(heard.data).toEqual({ conversationId: chat, userId: alice.user.id, readSeq: replySeq });
    expect(await peerReadSeq(bob, chat)).toBe(replySeq);
    // Her other device hears her own message, which says her cursor moved to it with nothing
    // left unread (PROTOCOL.md, Sending) — and no read.updated besides.
    const mine = await aliceLaptop.waitForEvent('message.created', (d) => d.seq === replySeq);
    expect(mine.data.senderId).toBe(alice.user.id);
    const state = (await api(server(), 'GET', `/conversations/${chat}`, { token: alice.token })).body;
    expect(state).toMatchObject({ readSeq: replySeq, unreadCount: 0, mentionCount: 0 });
    // Her later `read` of his follow-up moves nothing and announces nothing more.
    expect((await read(alice, chat, followUp.seq)).body.readSeq).toBe(replySeq);
    await settleWithBio(server(), bob, bobSocket);
    expect(bobSocket.events('receipt.updated').map((e) => e.data)).toEqual([
      { conversationId: chat, userId: alice.user.id, readSeq: question.seq },
      { conversationId: chat, userId: alice.user.id, readSeq: replySeq },
    ]);
    await settleWithBio(server(), alice, aliceLaptop);
    expect(aliceLaptop.events('read.updated', (d) => d.readSeq === replySeq)).toEqual([]);
    await closeAll(aliceSocket, aliceLaptop, bobSocket);
  });

  it('hides receipts both ways when either person turns them off', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    expect((await api(server(), 'GET', '/me/settings', { token: alice.token })).body).toMatchObject({
      readReceipts: true,
    });
    const aliceLaptop = await openSocket(server(), (await logIn(server(), alice, 'Laptop')).token);
    const [aliceSocket, bobSocket] = await Promise.all([
      openSocket(server(), alice.token),
      openSocket(server(), bob.token),
    ]);
    expect((await setReceipts(alice, false)).body).toMatchObject({ readReceipts: false });
    await aliceLaptop.waitForEvent('settings.updated', (d) => d.readReceipts === false);

    const fromBob = await send(server(), bob, chat, 'hello?');
    await read(alice, chat, fromBob.seq);
    const fromAlice = await send(server(), alice, chat, 'hi');
    await read(bob, chat, fromAlice.seq);
    expect(await peerReadSeq(bob, chat)).toBeNull();
    expect(await peerReadSeq(alice, chat)).toBeNull(); // off hides others' receipts from me too
    await settleWithBio(server(), bob, bobSocket);
    await settleWithBio(server(), alice, aliceSocket);
    expect(bobSocket.events('receipt.updated')).toEqual([]);
    expect(aliceSocket.events('receipt.updated')).toEqual([]);

    await setReceipts(alice, true);
    expect(await peerReadSeq(alice, chat)).toBe(fromAlice.seq);
    await closeAll(aliceLaptop, aliceSocket, bobSocket);
  });

  it('lists who in a group has read a message: not the sender, not newcomers, not those hiding receipts', async () => {
    const [alice, bob, carol, dave, erin] = await people(server(), 'alice', 'bob', 'carol', 'dave', 'erin');
    await befriend(server(), alice, bob, carol, dave, erin);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id, carol.user.id, dave.user.id] });
    await setReceipts(dave, false);
    const sent = await send(server(), alice, group.id, 'homework is due Friday');
    await read(bob, group.id, sent.seq);
    await read(dave, group.id, sent.seq);
    await api(server(), 'POST', `/groups/${group.id}/invitations`, {
      token: alice.token,
      json: { userIds: [erin.user.id] },
    });
    const invitations = await api(server(), 'GET', '/group-invitations', { token: erin.token });
    await api(server(), 'POST', `/group-invitations/${invitations.body.invitations[0].id}/accept`, {
      token: erin.token,
    });
    const erinsView = await api(server(), 'GET', `/conversations/${group.id}`, { token: erin.token });
    expect(erinsView.body.readSeq).toBeGreaterThanOrEqual(sent.seq); // in, and past it, yet no reader

    const readers = await api(server(), 'GET', `/conversations/${group.id}/messages/${sent.seq}/readers`, {
      token: carol.token,
    });
    expect(readers.status, readers.text).toBe(200);
    expect(readers.body.count).toBe(1);
    expect(readers.body.readers.map((u: { id: string }) => u.id)).toEqual([bob.user.id]);

    const hiding = await api(server(), 'GET', `/conversations/${group.id}/messages/${sent.seq}/readers`, {
      token: dave.token,
    });
    expectError(hiding, 403, 'forbidden');
    expect(hiding.body.error.message).toMatch(/read receipts/);
    expectError(
      await api(server(), 'GET', `/conversations/${group.id}/messages/9999/readers`, { token: alice.token }),
      404,
      'not_found',
    );
    const [outsider] = await people(server(), 'frank');
    expectError(
      await api(server(), 'GET', `/conversations/${group.id}/messages/${sent.seq}/readers`, {
        token: outsider.token,
      }),
      404,
      'not_found',
    );
  });

  it('sends no live receipts in groups', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    await befriend(server(), alice, bob);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id] });
    const aliceSocket = await openSocket(server(), alice.token);
    const sent = await send(server(), alice, group.id, 'read me');
    await read(bob, group.id, sent.seq);
    await settleWithBio(server(), alice, aliceSocket);
    expect(aliceSocket.events('receipt.updated')).toEqual([]);
    expect(
      (await api(server(), 'GET', `/conversations/${group.id}`, { token: alice.token })).body.peerReadSeq,
    ).toBeNull();
    await aliceSocket.close();
  });
});
