import type { Message } from '@parley/protocol';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationStore, ParleyClient, PersistedSend, TimelineSnapshot } from '../src/index.ts';
import { signUp } from './support/people.ts';
import { sameUser, storeOf } from './support/stores.ts';
import { until } from './support/wait.ts';

const seqs = (messages: readonly Message[]) => messages.map((m) => m.seq);
/** What IndexedDB would give back: a structured copy, nothing of the live objects. */
const stored = <T>(value: T): T => structuredClone(value);

describe.each(['sqlite', 'postgres'] as const)('keeping conversations across reloads on %s', (dialect) => {
  let server: TestServer;
  let n = 0;
  const cleanups: (() => unknown)[] = [];
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  async function aliceAndBob(): Promise<{ alice: ParleyClient; bob: ParleyClient; groupId: string }> {
    n += 1;
    const alice = await signUp(server, `alice${n}`);
    const bob = await signUp(server, `bob${n}`);
    const group = await alice.http.groups.create({ name: 'Class 3', joinPolicy: 'open' });
    await bob.http.groups.join(group.id);
    return { alice, bob, groupId: group.id };
  }

  const say = (client: ParleyClient, id: string, text: string) =>
    client.http.messages.send(id, { clientMsgId: crypto.randomUUID(), text });

  /** The store holds the server's history from its start on: gap-free, each message once, as it is now. */
  async function expectInStep(
    client: ParleyClient,
    store: ConversationStore,
    id: string,
  ): Promise<Message[]> {
    const history = await client.http.messages.allAfter(id, store.view(id).start);
    await until(() => store.cursor(id) === history.at(-1)!.seq);
    await store.idle();
    expect(store.messages(id)).toEqual(history);
    return history;
  }

  describe('the outbox', () => {
    it('messages written offline are sent after a reload, once each, in order, with their clientMsgIds', async () => {
      const { alice, bob, groupId } = await aliceAndBob();
      const before = storeOf(bob, cleanups);
      await until(() => before.store.cursor(groupId) > 0);
      await before.offline();
      const written = ['one', 'two', 'three'].map((text) => before.store.send(groupId, text));
      const saved = stored(before.store.unsent());
      expect(saved.map((s) => [s.clientMsgId, s.text, s.failed])).toEqual(
        written.map((item) => [item.clientMsgId, item.text, undefined]),
      );
      before.close();

      const after = storeOf(sameUser(server, bob), cleanups);
      // Shuffled, with junk a half-written record could leave: order comes from createdAt.
      const junk = { clientMsgId: 42, conversationId: groupId } as unknown as PersistedSend;
      const items = after.store.restoreUnsent([saved[2]!, junk, saved[0]!, saved[1]!]);
      expect(items.map((item) => [item.clientMsgId, item.status])).toEqual(
        written.map((item) => [item.clientMsgId, 'queued']),
      );
      expect(after.store.view(groupId).pending.map((p) => p.text)).toEqual(['one', 'two', 'three']);
      const acks = await Promise.all(items.map((item) => item.acked));
      expect(acks.map((a) => a.seq)).toEqual([acks[0]!.seq, acks[0]!.seq + 1, acks[0]!.seq + 2]);
      const history = await expectInStep(alice, after.store, groupId);
      expect(history.slice(-3).map((m) => [m.clientMsgId, m.text])).toEqual(
        written.map((item) => [item.clientMsgId, item.text]),
      );
      expect(after.store.unsent()).toEqual([]);
    }, 15_000);

    it('a send that was stored just before the reload, its ack lost, is stored only once', async () => {
      const { alice, bob, groupId } = await aliceAndBob();
      const before = storeOf(bob, cleanups);
      await until(() => before.store.cursor(groupId) > 0);
      // No ack reaches this page: the first send is stored, the others wait their turn.
      const sends = new Set<string>();
      before.control.onOutgoing = (f) => f.type === 'message.send' && sends.add(f.id!);
      before.control.dropIncoming = (f) => f.re !== undefined && sends.has(f.re);
      const written = ['one', 'two', 'three'].map((text) => before.store.send(groupId, text));
      await until(() => before.store.messages(groupId).at(-1)?.clientMsgId === written[0]!.clientMsgId);
      const saved = stored(before.store.unsent());
      expect(saved.map((s) => s.text)).toEqual(['one', 'two', 'three']);
      expect(written[0]!.status).toBe('sending');
      before.close();

      const after = storeOf(sameUser(server, bob), cleanups);
      const acks = await Promise.all(after.store.restoreUnsent(saved).map((item) => item.acked));
      const history = await expectInStep(alice, after.store, groupId);
      const mine = history.filter((m) => written.some((w) => w.clientMsgId === m.clientMsgId));
      expect(mine.map((m) => m.text)).toEqual(['one', 'two', 'three']);
      // The resent first one was answered with the ack of the copy stored before the reload.
      expect(acks.map((a) => a.seq)).toEqual(seqs(mine));
      expect(seqs(mine)).toEqual([mine[0]!.seq, mine[0]!.seq + 1, mine[0]!.seq + 2]);
    }, 15_000);

    it('a send refused for good comes back failed, for the user to retry or discard', async () => {
      const { bob } = await aliceAndBob();
      const before = storeOf(bob, cleanups);
      await until(() => before.connection.state === 'open');
      const refused = before.store.send('not-a-conversation-of-mine', 'hello?');
      await refused.acked.catch(() => {});
      const saved = stored(before.store.unsent());
      expect(saved).toMatchObject([
        { clientMsgId: refused.clientMsgId, failed: { code: refused.error!.code } },
      ]);
      before.close();

      const after = storeOf(sameUser(server, bob), cleanups);
      const [item] = after.store.restoreUnsent(saved);
      expect(item).toMatchObject({ status: 'failed', error: { code: refused.error!.code } });
      await expect(item!.acked).rejects.toMatchObject({ code: refused.error!.code });
      after.store.discard(item!.clientMsgId);
      expect(after.store.unsent()).toEqual([]);
    }, 15_000);
  });

  describe('snapshots', () => {
    it('a restored conversation shows at once, then syncs on from its cursors with no gap or repeat', async () => {
      const { alice, bob, groupId } = await aliceAndBob();
      for (let i = 0; i < 10; i += 1) await say(alice, groupId, `before ${i}`);
      const before = storeOf(bob, cleanups);
      await expectInStep(bob, before.store, groupId);
      const snapshot = stored(before.store.snapshot(groupId, 5)!);
      expect(snapshot.messages.map((m) => m.text)).toEqual([5, 6, 7, 8, 9].map((i) => `before ${i}`));
      expect(snapshot.start).toBe(before.store.cursor(groupId) - 5);
      expect(before.store.snapshot('not-held')).toBeUndefined();
      before.close();

      // While the page is closed: new messages, and an edit to one the snapshot holds.
      for (let i = 0; i < 3; i += 1) await say(alice, groupId, `meanwhile ${i}`);
      await alice.http.messages.edit(snapshot.messages[4]!.id, 'edited meanwhile');

      const after = storeOf(sameUser(server, bob), cleanups);
      const syncs: Record<string, unknown>[] = [];
      after.control.onOutgoing = (f) => {
        if (f.type === 'sync') syncs.push((f as unknown as { cursors: Record<string, unknown> }).cursors);
      };
      const gap: TimelineSnapshot = { ...snapshot, messages: snapshot.messages.filter((_, i) => i !== 2) };
      const changes: string[] = [];
      after.store.subscribe((id) => changes.push(id));
      after.store.restore([gap]);
      expect(after.store.view(groupId).messages).toEqual([]);
      after.store.restore([snapshot]);
      expect(changes).toEqual([groupId]);
      expect(after.store.view(groupId)).toMatchObject({
        start: snapshot.start,
        cursor: snapshot.start + 5,
        rev: snapshot.rev,
        messages: snapshot.messages,
      });

      const history = await expectInStep(bob, after.store, groupId);
      expect(syncs[0]![groupId]).toEqual({ seq: snapshot.start + 5, rev: snapshot.rev });
      expect(history.map((m) => m.text).slice(-4)).toEqual([
        'edited meanwhile',
        'meanwhile 0',
        'meanwhile 1',
        'meanwhile 2',
      ]);
      expect(after.store.hasOlder(groupId)).toBe(true);
    }, 15_000);

    it('a snapshot with a gap is ignored, and the conversation loads from the server as usual', async () => {
      const { alice, bob, groupId } = await aliceAndBob();
      for (let i = 0; i < 4; i += 1) await say(alice, groupId, `m${i}`);
      const before = storeOf(bob, cleanups);
      await expectInStep(bob, before.store, groupId);
      const snapshot = stored(before.store.snapshot(groupId)!);
      before.close();

      const after = storeOf(sameUser(server, bob), cleanups);
      const broken = [
        { ...snapshot, messages: [...snapshot.messages.slice(0, 2), ...snapshot.messages.slice(3)] },
        { ...snapshot, start: snapshot.start + 1 },
        { ...snapshot, messages: snapshot.messages.map((m) => ({ ...m, conversationId: 'lobby' })) },
        { conversationId: groupId, start: -1, rev: 0, messages: [] },
      ];
      after.store.restore(broken);
      expect(after.store.conversationIds()).toEqual([]);
      const history = await expectInStep(bob, after.store, groupId);
      expect(seqs(history)).toEqual(history.map((_, i) => i + 1));
    }, 15_000);
  });
});
