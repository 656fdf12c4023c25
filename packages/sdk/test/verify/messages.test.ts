import { randomUUID } from 'node:crypto';
import { limits } from '@parley/protocol';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type Person,
  befriend,
  conversation,
  heard,
  join,
  leaveAll,
  makeGroup,
  until,
  verify,
} from './support.ts';

/**
 * verify_action for messages: alice, bob and carol share a group (members held by all), and
 * alice and bob a direct conversation. Each test checks every member's state after it.
 */
describe.each(['sqlite', 'postgres'] as const)(
  'message events agree with a fresh load on %s',
  { timeout: 20_000 },
  (dialect) => {
    let server: TestServer;
    let alice: Person;
    let bob: Person;
    let carol: Person;
    let everyone: Person[];
    let direct: string;
    let group: string;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      alice = await join(server, 'alice');
      bob = await join(server, 'bob');
      carol = await join(server, 'carol');
      everyone = [alice, bob, carol];
      direct = await befriend(alice, bob);
      await befriend(alice, carol);
      group = await makeGroup(alice, [bob, carol]);
    }, 60_000);
    afterAll(async () => {
      leaveAll(everyone);
      await server?.close();
    });

    /** Waits for `check` without timers (they may be fake): polls between I/O turns for up to 5 s. */
    const soon = async (check: () => boolean) => {
      const deadline = Date.now() + 5000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error('timed out waiting');
        await new Promise((r) => setImmediate(r));
      }
    };

    /** Sends through the session's outbox and waits for the server's ack. */
    const send = (person: Person, conversationId: string, text: string, replyToId?: string) =>
      person.session.chats.send(conversationId, text, replyToId ? { replyToId } : {}).acked;

    it('a direct message reaches bob and moves the conversation up both lists', async () => {
      await verify([alice, bob], () => send(alice, direct, 'hello bob'));
      expect(heard(bob)).toContain('message.created');
      expect(conversation(bob, direct).unreadCount).toBeGreaterThan(0);
    });

    it("a message sent over plain HTTP reaches the sender's own session as an event", async () => {
      await verify([alice, bob], () =>
        bob.client.http.messages.send(direct, { clientMsgId: randomUUID(), text: 'from the API' }),
      );
      expect(heard(bob)).toContain('message.created');
    });

    it('a group message reaches every member', async () => {
      await verify(everyone, () => send(bob, group, 'hello class'));
      expect(heard(carol)).toContain('message.created');
    });

    it('a reply that mentions carol counts as a mention for her', async () => {
      const { id } = await send(bob, group, 'who has the homework?');
      await verify(everyone, () => send(alice, group, `@${carol.username} has it`, id));
      expect(conversation(carol, group).mentionCount).toBeGreaterThan(0);
    });

    it("an edit reaches every member, and one that drops the mention takes it out of carol's count", async () => {
      const { id } = await send(alice, group, `@${carol.username} look`);
      await verify(everyone, () => alice.session.chats.edit(id, `@${carol.username} look at this`));
      expect(heard(bob)).toContain('message.updated');
      const before = conversation(carol, group).mentionCount;
      await verify(everyone, () => alice.session.chats.edit(id, 'never mind'));
      expect(conversation(carol, group).mentionCount).toBe(before - 1);
      // Told by the server, not found by reloading the list.
      expect(heard(carol)).toContain('read.updated');
    });

    it('a recalled message is no longer unread for anyone', async () => {
      const { id } = await send(bob, group, 'oops, wrong group');
      await verify(everyone, () => bob.session.chats.recall(id));
      expect(heard(alice)).toEqual(expect.arrayContaining(['message.updated', 'read.updated']));
    });

    it('replies quoting a message show its edit, then its recall', async () => {
      const { id } = await send(bob, group, 'meet at 8');
      await send(carol, group, 'ok!', id);
      await verify(everyone, () => bob.session.chats.edit(id, 'meet at 9'));
      const reply = (p: Person) => p.session.messages.messages(group).find((m) => m.replyTo?.id === id);
      expect(reply(alice)?.replyTo).toMatchObject({ text: 'meet at 9', recalled: false });
      await verify(everyone, () => bob.session.chats.recall(id));
      expect(reply(alice)?.replyTo).toMatchObject({ recalled: true });
    });

    it('a sticker message reaches every member, and the list shows it last', async () => {
      const { packs } = await alice.client.http.stickers.list();
      const sticker = packs[0]!.stickers[0]!;
      await verify(everyone, () => alice.session.chats.send(group, '', { stickerId: sticker.id }).acked);
      expect(conversation(bob, group).lastMessage).toMatchObject({ kind: 'sticker' });
    });

    it('a reaction put on and taken off reaches every member', async () => {
      const { id } = await send(alice, group, 'pizza tonight?');
      await verify(everyone, () => carol.session.chats.react(id, '👍'));
      expect(heard(alice)).toContain('reaction.changed');
      await verify(everyone, () => carol.session.chats.unreact(id, '👍'));
    });

    it('a forwarded message reaches the conversation it is forwarded to', async () => {
      const { id } = await send(alice, direct, 'the answer is 42');
      await verify(everyone, () => alice.session.chats.forward(id, [group], randomUUID()));
      expect(heard(carol)).toContain('message.created');
    });

    it("typing shows on the others' sessions until the message comes, or for one and a half intervals", async () => {
      // Typing is ephemeral: never in a fresh load, so it is checked apart from equality.
      const typing = (p: Person, id: string) => p.session.getSnapshot().typing[id] ?? [];
      alice.session.chats.typing(direct);
      await until(() => typing(bob, direct).includes(alice.id));
      await verify([alice, bob], () => send(alice, direct, 'here it is'));
      expect(typing(bob, direct)).toEqual([]);

      // It lasts one and a half intervals unless renewed: checked on a fake clock (timeouts
      // only), so nobody waits for it.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        alice.session.chats.typing(group);
        await soon(() => typing(bob, group).includes(alice.id) && typing(carol, group).includes(alice.id));
        expect(typing(alice, group)).toEqual([]);
        vi.advanceTimersByTime(limits.typingIntervalMs * 1.5 - 1);
        expect(typing(bob, group)).toEqual([alice.id]);
        vi.advanceTimersByTime(1);
        expect([typing(bob, group), typing(carol, group)]).toEqual([[], []]);
      } finally {
        vi.useRealTimers();
      }
    });
  },
);
