import type { Message } from '@parley/protocol';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationStore, ParleyClient } from '../src/index.ts';
import { signUp } from './support/people.ts';
import { holdingFetch, sameUser, storeOf } from './support/stores.ts';
import { until } from './support/wait.ts';

const seqs = (messages: readonly Message[]) => messages.map((m) => m.seq);
const run = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe.each(['sqlite', 'postgres'] as const)('loading older history on demand on %s', (dialect) => {
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

  /** Alice's open group with bob in it and `count` of alice's messages; answers its last seq. */
  async function busyGroup(
    count: number,
  ): Promise<{ alice: ParleyClient; bob: ParleyClient; groupId: string; last: number }> {
    n += 1;
    const alice = await signUp(server, `alice${n}`);
    const bob = await signUp(server, `bob${n}`);
    const group = await alice.http.groups.create({ name: 'Class 3', joinPolicy: 'open' });
    await bob.http.groups.join(group.id);
    let last = 0;
    for (let i = 0; i < count; i += 1) last = (await say(alice, group.id, `m${i}`)).seq;
    return { alice, bob, groupId: group.id, last };
  }

  const say = (client: ParleyClient, id: string, text: string) =>
    client.http.messages.send(id, { clientMsgId: crypto.randomUUID(), text });

  /** What the store holds is the server's history from its start on, each message once and as it is now. */
  async function expectTail(client: ParleyClient, store: ConversationStore, id: string): Promise<void> {
    const { start, cursor, messages } = store.view(id);
    const history = await client.http.messages.allAfter(id, start);
    expect(cursor).toBe(history.at(-1)!.seq);
    expect(messages).toEqual(history);
  }

  it('pages back from the newest 30 until the whole history is held, in order, once', async () => {
    const { alice, bob, groupId, last } = await busyGroup(120);
    const { store } = storeOf(bob, cleanups, { initialHistory: 30 });
    await until(() => store.cursor(groupId) === last);
    expect(store.messages(groupId)).toHaveLength(30);
    expect([store.view(groupId).start, store.hasOlder(groupId)]).toEqual([last - 30, true]);

    // Two calls at once share one load.
    const first = store.loadOlder(groupId, 50);
    expect(store.loadOlder(groupId, 50)).toBe(first);
    expect(await first).toBe(50);
    await say(alice, groupId, 'live, between two pages');
    await until(() => store.cursor(groupId) === last + 1);
    // 120 messages after the group's two notices: the second page holds the rest.
    expect(await store.loadOlder(groupId, 50)).toBe(last - 80);
    expect(store.hasOlder(groupId)).toBe(false);
    expect(await store.loadOlder(groupId, 50)).toBe(0);

    expect(seqs(store.messages(groupId))).toEqual(run(1, last + 1));
    expect(store.view(groupId).start).toBe(0);
    await expectTail(bob, store, groupId);
  }, 20_000);

  it('a conversation met first costs one history request: its newest page, no `after` page behind it', async () => {
    const { alice, bob, groupId, last } = await busyGroup(12);
    const asked: string[] = [];
    const counting = sameUser(server, bob, async (input, init) => {
      if (input.includes(`/conversations/${groupId}/messages`)) asked.push(new URL(input).search);
      return globalThis.fetch(input, init);
    });
    const { store } = storeOf(counting, cleanups, { initialHistory: 30 });
    await until(() => store.cursor(groupId) === last);
    // What is sent from now on comes by event, in order, with nothing asked for.
    const next = await say(alice, groupId, 'after the page');
    await until(() => store.cursor(groupId) === next.seq);
    await expectTail(bob, store, groupId);
    expect(asked).toEqual(['?limit=30']);
  });

  it('histories nothing asked for wait for backgroundFillsAfter; one asked for (track) loads at once', async () => {
    const first = await busyGroup(5);
    n += 1;
    const carol = await signUp(server, `carol${n}`);
    const other = await carol.http.groups.create({ name: 'Class 4', joinPolicy: 'open' });
    await first.bob.http.groups.join(other.id);
    const last = (await say(carol, other.id, 'hello')).seq;
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { store } = storeOf(first.bob, cleanups, { initialHistory: 30, backgroundFillsAfter: () => gate });
    await store.track(first.groupId);
    expect(store.cursor(first.groupId)).toBe(first.last);
    // The other group waits while the gate is shut: nothing of it is held.
    await new Promise((r) => setTimeout(r, 300));
    expect(store.messages(other.id)).toEqual([]);
    release();
    await until(() => store.cursor(other.id) === last);
    await expectTail(first.bob, store, other.id);
  });

  it('messages that arrive while an older page is on the way append, and an edit to that page is kept', async () => {
    const { alice, bob, groupId, last } = await busyGroup(40);
    const older = holdingFetch((url) => url.includes('before='));
    const { store } = storeOf(sameUser(server, bob, older.fetch), cleanups, { initialHistory: 10 });
    await until(() => store.cursor(groupId) === last);
    const start = store.view(groupId).start;

    const loading = store.loadOlder(groupId, 20);
    await until(() => older.held === 1);
    // The page was read; now the conversation moves on: new messages, and an edit to one of
    // the page's messages that bob's store hears before it holds that message.
    for (const text of ['new 1', 'new 2']) await say(alice, groupId, text);
    await until(() => store.cursor(groupId) === last + 2);
    const target = (await alice.http.messages.page(groupId, { before: start, limit: 1 })).messages[0]!;
    const edited = await alice.http.messages.edit(target.id, 'edited while on the way');
    await until(() => store.rev(groupId) === edited.rev);
    older.release();

    expect(await loading).toBe(20);
    expect(store.view(groupId).start).toBe(start - 20);
    expect(seqs(store.messages(groupId))).toEqual(run(start - 19, last + 2));
    expect(store.messages(groupId).find((m) => m.id === target.id)?.text).toBe('edited while on the way');
    await expectTail(bob, store, groupId);
  }, 20_000);
});
