import { Conversation, ReadResult, Readers, Settings } from '@parley/protocol';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyClient } from '../src/index.ts';
import { signUp } from './support/people.ts';

describe.each(['sqlite', 'postgres'] as const)(
  'read state and my list settings through the SDK on %s',
  (dialect) => {
    let server: TestServer;
    let n = 0;
    beforeAll(async () => {
      server = await startTestServer(dialect);
    });
    afterAll(() => server?.close());

    /** Alice's open group with bob in it, and a message of alice's bob has not read. */
    async function unreadByBob(): Promise<{
      alice: ParleyClient;
      bob: ParleyClient;
      groupId: string;
      seq: number;
    }> {
      n += 1;
      const alice = await signUp(server, `alice${n}`);
      const bob = await signUp(server, `bob${n}`);
      const group = await alice.http.groups.create({ name: 'Class 3', joinPolicy: 'open' });
      await bob.http.groups.join(group.id);
      const ack = await alice.http.messages.send(group.id, {
        clientMsgId: crypto.randomUUID(),
        text: 'homework?',
      });
      return { alice, bob, groupId: group.id, seq: ack.seq };
    }

    it('marking read clears the unread badge, and the sender sees who read it', async () => {
      const { alice, bob, groupId, seq } = await unreadByBob();
      expect((await bob.http.conversations.get(groupId)).unreadCount).toBe(1);
      const read = ReadResult.parse(await bob.http.conversations.markRead(groupId, seq));
      expect(read).toMatchObject({ conversationId: groupId, readSeq: seq, unreadCount: 0 });
      expect((await bob.http.conversations.get(groupId)).unreadCount).toBe(0);
      const readers = Readers.parse(await alice.http.conversations.readers(groupId, seq));
      expect(readers.readers.map((u) => u.id)).toEqual([bob.auth!.user.id]);
    });

    it('read receipts turned off in my settings hide that I read it', async () => {
      const { alice, bob, groupId, seq } = await unreadByBob();
      expect(Settings.parse(await bob.http.settings())).toMatchObject({ readReceipts: true });
      expect(await bob.http.updateSettings({ readReceipts: false })).toMatchObject({ readReceipts: false });
      expect(await bob.http.settings()).toMatchObject({ readReceipts: false });
      await bob.http.conversations.markRead(groupId, seq);
      expect((await alice.http.conversations.readers(groupId, seq)).readers).toEqual([]);
    });

    it('a pinned conversation goes to the top of my list, and back when unpinned', async () => {
      const { bob, groupId } = await unreadByBob();
      // The lobby: bob's other conversation, with newer activity (a later sign-up says hello
      // there; a join notice alone does not move the lobby up the list).
      const carol = await signUp(server, `carol${n}`);
      await carol.http.messages.send('lobby', { clientMsgId: crypto.randomUUID(), text: 'hello everyone' });
      const order = async () => (await bob.http.conversations.list()).conversations.map((c) => c.id);
      expect(await order()).toEqual(['lobby', groupId]);
      const pinned = Conversation.parse(await bob.http.conversations.pin(groupId, true));
      expect(pinned).toMatchObject({ id: groupId, pinned: true });
      expect(await order()).toEqual([groupId, 'lobby']);
      expect((await bob.http.conversations.pin(groupId, false)).pinned).toBe(false);
      expect(await order()).toEqual(['lobby', groupId]);
    });

    it('muting turns notifications off while the badge still counts', async () => {
      const { bob, groupId } = await unreadByBob();
      const muted = await bob.http.conversations.mute(groupId, true);
      expect(muted).toMatchObject({ notificationsMuted: true, unreadCount: 1 });
      expect((await bob.http.conversations.get(groupId)).notificationsMuted).toBe(true);
      expect((await bob.http.conversations.mute(groupId, false)).notificationsMuted).toBe(false);
    });
  },
);
