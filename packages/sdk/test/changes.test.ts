import { isDeepStrictEqual } from 'node:util';
import type { Message } from '@parley/protocol';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConversationStore, type ParleyClient } from '../src/index.ts';
import { type SocketControl, controlledSocket } from './support/controlled-socket.ts';
import { signUp } from './support/people.ts';
import { holdingFetch, sameUser } from './support/stores.ts';
import { until } from './support/wait.ts';

const backoff = { initialMs: 40, maxMs: 200 };

describe.each(['sqlite', 'postgres'] as const)('changes to held messages, in the store on %s', (dialect) => {
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

  /** Alice's open group with bob in it and three of alice's messages, as fresh people for each test. */
  async function threeMessages() {
    n += 1;
    const alice = await signUp(server, `alice${n}`);
    const bob = await signUp(server, `bob${n}`);
    const group = await alice.http.groups.create({ name: 'Class 3', joinPolicy: 'open' });
    await bob.http.groups.join(group.id);
    const ids: string[] = [];
    for (const text of ['one', 'two', 'three']) {
      ids.push((await alice.http.messages.send(group.id, { clientMsgId: crypto.randomUUID(), text })).id);
    }
    return { alice, bob, groupId: group.id, ids };
  }

  function storeOf(client: ParleyClient): { store: ConversationStore; control: SocketControl } {
    const control = controlledSocket();
    const connection = client.connect({ WebSocket: control.WebSocket, backoff });
    const store = new ConversationStore({ http: client.http, connection, retryMs: 50 });
    cleanups.push(
      () => store.dispose(),
      () => connection.close(),
    );
    return { store, control };
  }

  /** The store holds exactly the server's history, every message in its newest state. */
  async function expectUpToDate(client: ParleyClient, store: ConversationStore, id: string) {
    const history = await client.http.messages.allAfter(id);
    await until(() => isDeepStrictEqual(store.messages(id), history)).catch(() => {});
    expect(store.messages(id)).toEqual(history);
    return history;
  }

  const byId = (store: ConversationStore, groupId: string, id: string): Message =>
    store.messages(groupId).find((m) => m.id === id)!;

  it('a member who was offline sees the edit, recall and reaction made meanwhile on reconnect', async () => {
    const { alice, bob, groupId, ids } = await threeMessages();
    const [edited, recalled, reacted] = ids as [string, string, string];
    const { store, control } = storeOf(bob);
    await expectUpToDate(bob, store, groupId);
    const cursor = store.cursor(groupId);
    control.offline = true;
    control.cut();

    await alice.http.messages.edit(edited, 'one, edited');
    await alice.http.messages.recall(recalled);
    const reaction = await alice.http.messages.react(reacted, '🎉');
    expect(byId(store, groupId, edited).text).toBe('one');

    control.offline = false;
    await expectUpToDate(bob, store, groupId);
    // Nothing new was sent: sync reported the conversation for its rev alone.
    expect(store.cursor(groupId)).toBe(cursor);
    expect(store.rev(groupId)).toBe(reaction.rev);
    expect(byId(store, groupId, edited)).toMatchObject({ text: 'one, edited', editedAt: expect.any(String) });
    expect(byId(store, groupId, recalled)).toMatchObject({ text: '', recalledAt: expect.any(String) });
    expect(byId(store, groupId, reacted).reactions).toEqual(reaction.reactions);
  }, 15_000);

  it('a change heard after a newer one of the same message does not overwrite it', async () => {
    const { alice, bob, groupId, ids } = await threeMessages();
    const id = ids[0]!;
    const { store } = storeOf(bob);
    await expectUpToDate(bob, store, groupId);
    const first = await alice.http.messages.edit(id, 'first edit');
    const put = await alice.http.messages.react(id, '👍');
    const second = await alice.http.messages.edit(id, 'second edit');
    await until(() => byId(store, groupId, id).text === 'second edit');
    const view = store.view(groupId);

    expect(store.applyEvent({ event: 'message.updated', data: first })).toBe(false);
    expect(store.applyEvent({ event: 'reaction.changed', data: { ...put, reactions: [] } })).toBe(false);
    expect(store.view(groupId)).toBe(view);
    expect(byId(store, groupId, id)).toEqual(second);
    expect(second.reactions).toEqual(put.reactions);
    await expectUpToDate(bob, store, groupId);
  }, 15_000);

  it('a live change whose rev skips ahead makes the store page the changes it missed', async () => {
    const { alice, bob, groupId, ids } = await threeMessages();
    const { store, control } = storeOf(bob);
    await expectUpToDate(bob, store, groupId);
    // The first change is lost on the way; the next one's rev shows the gap.
    control.dropIncoming = (f) => {
      if (f.event !== 'message.updated') return false;
      control.dropIncoming = () => false;
      return true;
    };
    await alice.http.messages.edit(ids[0]!, 'lost on the way');
    const reaction = await alice.http.messages.react(ids[1]!, '👀');
    await expectUpToDate(bob, store, groupId);
    expect(byId(store, groupId, ids[0]!).text).toBe('lost on the way');
    expect(store.rev(groupId)).toBe(reaction.rev);
  }, 15_000);

  it('a conversation met for the first time starts at the rev its history was read at', async () => {
    const { alice, bob, groupId, ids } = await threeMessages();
    await alice.http.messages.edit(ids[0]!, 'edited before bob looked');
    await alice.http.messages.react(ids[1]!, '👍');
    const { store } = storeOf(bob);
    await expectUpToDate(bob, store, groupId);
    expect(store.rev(groupId)).toBe((await bob.http.conversations.get(groupId)).lastRev);
    expect(store.busy).toBe(false);
  }, 15_000);

  it('an edit heard while a fill is bringing the edited message is kept', async () => {
    const { alice, bob, groupId } = await threeMessages();
    let holding = false;
    const fills = holdingFetch((url) => holding && url.includes('after='));
    const { store, control } = storeOf(sameUser(server, bob, fills.fetch));
    const history = await expectUpToDate(bob, store, groupId);
    const cursor = history.at(-1)!.seq;
    // "lost" never arrives live; "found" shows the gap, and the page the fill reads is held back.
    holding = true;
    control.dropIncoming = (f) => f.event === 'message.created' && f.data?.seq === cursor + 1;
    const lost = await alice.http.messages.send(groupId, { clientMsgId: crypto.randomUUID(), text: 'lost' });
    await alice.http.messages.send(groupId, { clientMsgId: crypto.randomUUID(), text: 'found' });
    await until(() => fills.held > 0);
    // The edit's event finds nothing held to change, but moves the store's rev past it.
    const edited = await alice.http.messages.edit(lost.id, 'lost, then edited');
    await until(() => store.rev(groupId) === edited.rev);
    fills.release();
    await until(() => store.cursor(groupId) === cursor + 2);
    await store.idle();
    expect(byId(store, groupId, lost.id).text).toBe('lost, then edited');
    await expectUpToDate(bob, store, groupId);
  }, 15_000);
});
