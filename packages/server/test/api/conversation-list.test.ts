import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type Person, befriend, logIn, people } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api } from '../support/http.ts';
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

describe.each(dialects)('the conversation list on %s', (dialect) => {
  const server = useServer(dialect);
  const list = async (who: Person) => {
    const res = await api(server(), 'GET', '/conversations', { token: who.token });
    expect(res.status, res.text).toBe(200);
    return res.body as { conversations: Record<string, any>[]; totalUnread: number }; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON
  };
  /** The ids of `ids` in the order the list shows them (the lobby and others aside). */
  const orderOf = async (who: Person, ids: string[]) =>
    (await list(who)).conversations.map((c) => c.id).filter((id) => ids.includes(id));

  async function aliceWithThree() {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [withBob, withCarol] = await befriend(server(), alice, bob, carol);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id] });
    return { alice, bob, carol, bobChat: withBob.conversationId, carolChat: withCarol.conversationId, group };
  }

  it('shows the newest message and orders by latest activity', async () => {
    const { alice, bob, carol, bobChat, carolChat, group } = await aliceWithThree();
    await send(server(), carol, carolChat, 'first');
    await send(server(), bob, bobChat, 'second');
    const last = await send(server(), bob, group.id, `@${alice.username} third`);
    expect(await orderOf(alice, [bobChat, carolChat, group.id])).toEqual([group.id, bobChat, carolChat]);
    const mine = (await list(alice)).conversations.find((c) => c.id === group.id)!;
    expect(mine).toMatchObject({
      lastMessage: { id: last.id, seq: last.seq, senderId: bob.user.id, mentions: [alice.user.id] },
      unreadCount: 1,
      mentionCount: 1,
      pinned: false,
      pinnedAt: null,
      notificationsMuted: false,
      peerReadSeq: null,
    });
    const chat = (await list(alice)).conversations.find((c) => c.id === bobChat)!;
    expect(chat.peer.id).toBe(bob.user.id);
    expect(chat.lastMessage.text).toBe('second');
  });

  it('puts pinned conversations first, the latest pinned on top, and tells my other devices', async () => {
    const { alice, bob, carol, bobChat, carolChat, group } = await aliceWithThree();
    const laptop = await openSocket(server(), (await logIn(server(), alice, 'Laptop')).token);
    const pin = (id: string, method = 'PUT') =>
      api(server(), method, `/conversations/${id}/pin`, { token: alice.token });
    const pinnedCarol = await pin(carolChat);
    expect(pinnedCarol.status, pinnedCarol.text).toBe(200);
    expect(pinnedCarol.body).toMatchObject({ id: carolChat, pinned: true, pinnedAt: expect.any(String) });
    const heard = await laptop.waitForEvent(
      'conversation.member_updated',
      (d) => d.conversationId === carolChat,
    );
    expect(heard.data).toEqual({
      conversationId: carolChat,
      pinned: true,
      pinnedAt: pinnedCarol.body.pinnedAt,
      notificationsMuted: false,
    });
    await new Promise((r) => setTimeout(r, 5)); // pinnedAt has millisecond resolution
    await pin(bobChat);
    expect((await pin(carolChat)).body.pinnedAt).toBe(pinnedCarol.body.pinnedAt); // pinning again keeps its place
    await send(server(), bob, group.id, 'activity does not beat a pin');
    expect(await orderOf(alice, [bobChat, carolChat, group.id])).toEqual([bobChat, carolChat, group.id]);
    expect(await orderOf(bob, [bobChat, group.id])).toEqual([group.id, bobChat]); // my pins are mine alone

    expect((await pin(bobChat, 'DELETE')).body).toMatchObject({ pinned: false, pinnedAt: null });
    await send(server(), carol, carolChat, 'still pinned');
    expect(await orderOf(alice, [bobChat, carolChat, group.id])).toEqual([carolChat, group.id, bobChat]);
    await laptop.close();
  });

  it('mutes notifications while the badge still counts', async () => {
    const { alice, bob, bobChat } = await aliceWithThree();
    const muted = await api(server(), 'PUT', `/conversations/${bobChat}/mute`, { token: alice.token });
    expect(muted.body).toMatchObject({ notificationsMuted: true, pinned: false });
    await send(server(), bob, bobChat, 'are you there?');
    const listed = await list(alice);
    expect(listed.conversations.find((c) => c.id === bobChat)).toMatchObject({
      notificationsMuted: true,
      unreadCount: 1,
    });
    expect(listed.totalUnread).toBe(1);
    const unmuted = await api(server(), 'DELETE', `/conversations/${bobChat}/mute`, { token: alice.token });
    expect(unmuted.body.notificationsMuted).toBe(false);
    const [stranger] = await people(server(), 'mallory');
    const refused = await api(server(), 'PUT', `/conversations/${bobChat}/pin`, { token: stranger.token });
    expect(refused.status).toBe(404);
  });

  it('syncs only the conversations that moved past my cursors, with their badges', async () => {
    const { alice, bob, bobChat, carolChat, group } = await aliceWithThree();
    const cursors = Object.fromEntries((await list(alice)).conversations.map((c) => [c.id, c.lastSeq]));
    await send(server(), bob, bobChat, 'one');
    const last = await send(server(), bob, bobChat, 'two');
    const socket = await openSocket(server(), alice.token);
    const reply = await socket.request('sync', { cursors });
    expect(reply.error).toBeUndefined();
    const ids = reply.ok.conversations.map((c: { id: string }) => c.id);
    expect(ids).toContain(bobChat);
    expect(ids).not.toContain(carolChat);
    expect(ids).not.toContain(group.id);
    expect(reply.ok.conversations.find((c: { id: string }) => c.id === bobChat)).toMatchObject({
      lastSeq: last.seq,
      unreadCount: 2,
      lastMessage: { text: 'two' },
    });
    expect(reply.ok.removed).toEqual([]);
    await closeAll(socket);
  });

  it('costs the same number of queries for two conversations as for twelve', async () => {
    const [few, many, ...friends] = await people(server(), 'few', 'many', ...Array(10).fill('friend'));
    const [withFew] = await befriend(server(), few, friends[0]!);
    const chats = await befriend(server(), many, ...friends);
    await makeGroup(server(), many, { memberIds: friends.slice(0, 3).map((f) => f.user.id) });
    // Both lists have text previews, so both take the same optional queries (reactions).
    await send(server(), friends[0]!, withFew.conversationId, 'hi few');
    for (const [i, chat] of chats.slice(0, 4).entries())
      await send(server(), friends[i]!, chat.conversationId, 'hi');
    // Those sends look for push subscriptions in the background; wait, so the count below is
    // the list's queries only.
    await server().parley.services.push.settled();
    const executor = server().parley.services.store.db.getExecutor();
    const original = executor.executeQuery.bind(executor);
    let queries = 0;
    executor.executeQuery = ((...args: Parameters<typeof original>) => {
      queries += 1;
      return original(...args);
    }) as typeof executor.executeQuery;
    const count = async (who: Person) => {
      queries = 0;
      const listed = await list(who);
      return { queries, conversations: listed.conversations.length };
    };
    try {
      const small = await count(few);
      const large = await count(many);
      expect(large.conversations).toBeGreaterThanOrEqual(12);
      expect(large.queries).toBe(small.queries);
      expect(large.queries).toBeLessThanOrEqual(10);
    } finally {
      executor.executeQuery = original;
    }
  });
});
