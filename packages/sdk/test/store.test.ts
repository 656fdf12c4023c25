import { readFileSync } from 'node:fs';
import type { Message } from '@parley/protocol';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConversationStore, type ParleyClient, type StoreEvent } from '../src/index.ts';
import { type SocketControl, controlledSocket } from './support/controlled-socket.ts';
import { signUp } from './support/people.ts';
import { until } from './support/wait.ts';

const png = readFileSync(new URL('../../server/test/fixtures/media/picture.png', import.meta.url));

const backoff = { initialMs: 40, maxMs: 200 };
const seqs = (messages: readonly Message[]) => messages.map((m) => m.seq);

describe.each(['sqlite', 'postgres'] as const)('the conversation store on %s', (dialect) => {
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

  /** Alice's open group with bob in it, as fresh people for each test. */
  async function aliceAndBob(): Promise<{ alice: ParleyClient; bob: ParleyClient; groupId: string }> {
    n += 1;
    const alice = await signUp(server, `alice${n}`);
    const bob = await signUp(server, `bob${n}`);
    const group = await alice.http.groups.create({ name: 'Class 3', joinPolicy: 'open' });
    await bob.http.groups.join(group.id);
    return { alice, bob, groupId: group.id };
  }

  function storeOf(client: ParleyClient): {
    store: ConversationStore;
    control: SocketControl;
    offline(): Promise<void>;
  } {
    const control = controlledSocket();
    const connection = client.connect({ WebSocket: control.WebSocket, backoff });
    const store = new ConversationStore({ http: client.http, connection, retryMs: 50 });
    cleanups.push(
      () => store.dispose(),
      () => connection.close(),
    );
    const offline = async () => {
      control.offline = true;
      control.cut();
      await until(() => connection.state !== 'open');
    };
    return { store, control, offline };
  }

  /** The store holds exactly the server's history of the conversation. */
  async function expectInStep(client: ParleyClient, store: ConversationStore, id: string): Promise<void> {
    const history = await client.http.messages.allAfter(id);
    await until(() => store.cursor(id) === history.at(-1)!.seq);
    expect(store.messages(id).map((m) => m.id)).toEqual(history.map((m) => m.id));
    expect(seqs(store.messages(id))).toEqual(history.map((_, i) => i + 1));
  }

  const say = (client: ParleyClient, id: string, text: string) =>
    client.http.messages.send(id, { clientMsgId: crypto.randomUUID(), text });

  it('a member who was offline gets what was sent meanwhile on reconnect, in order, once', async () => {
    const { alice, bob, groupId } = await aliceAndBob();
    const { store, control, offline } = storeOf(bob);
    await until(() => store.cursor(groupId) > 0);
    await offline();
    for (let i = 0; i < 130; i += 1) await say(alice, groupId, `while away ${i}`);
    expect(store.messages(groupId).some((m) => m.text.startsWith('while away'))).toBe(false);
    control.offline = false;
    await expectInStep(bob, store, groupId);
    expect(store.messages(groupId).filter((m) => m.text.startsWith('while away'))).toHaveLength(130);
  }, 15_000);

  it('a live event whose seq skips ahead is filled from history', async () => {
    const { alice, bob, groupId } = await aliceAndBob();
    const { store, control } = storeOf(bob);
    await until(() => store.cursor(groupId) > 0);
    // Every other message.created is lost on the way; the next one shows the gap.
    control.dropIncoming = (f) => f.event === 'message.created' && (f.data?.seq ?? 0) % 2 === 0;
    for (let i = 0; i < 9; i += 1) await say(alice, groupId, `hop ${i}`);
    await expectInStep(bob, store, groupId);
  }, 15_000);

  it('an event heard twice, or again in a history page, is held once', async () => {
    const { alice, bob, groupId } = await aliceAndBob();
    const { store } = storeOf(bob);
    await until(() => store.cursor(groupId) > 0);
    await say(alice, groupId, 'once');
    await until(() => store.messages(groupId).at(-1)?.text === 'once');
    const last = store.messages(groupId).at(-1)!;
    const before = store.view(groupId);
    expect(store.applyEvent({ event: 'message.created', data: last })).toBe(false);
    expect(store.applyEvent({ event: 'message.created', data: { ...last, text: 'copy' } })).toBe(false);
    // An event from a newer server, unknown to this SDK's protocol version.
    expect(store.applyEvent({ event: 'something.new', data: {} } as unknown as StoreEvent)).toBe(false);
    await store.track(groupId);
    expect(store.view(groupId)).toBe(before);
    await expectInStep(bob, store, groupId);
  }, 15_000);

  it('a send whose ack was lost goes again with the same clientMsgId and is stored once', async () => {
    const { bob, groupId } = await aliceAndBob();
    const { store, control } = storeOf(bob);
    await until(() => store.cursor(groupId) > 0);
    const sends: string[] = [];
    control.onOutgoing = (f) => {
      if (f.type === 'message.send' && f.id) sends.push(f.id);
    };
    // The first ack is lost and the socket dies with it: the server stored the message.
    control.dropIncoming = (f) => {
      if (f.re !== sends[0]) return false;
      control.dropIncoming = () => false;
      setTimeout(() => control.cut(), 0);
      return true;
    };
    const item = store.send(groupId, 'are you there?');
    expect(store.view(groupId).pending.map((p) => p.text)).toEqual(['are you there?']);
    const ack = await item.acked;
    expect(item.attempts).toBe(2);
    await expectInStep(bob, store, groupId);
    const stored = store.messages(groupId).filter((m) => m.clientMsgId === item.clientMsgId);
    expect(stored.map((m) => m.seq)).toEqual([ack.seq]);
    expect(store.view(groupId).pending).toEqual([]);
  }, 15_000);

  it('a message written offline shows as pending and is sent after the reconnect', async () => {
    const { alice, bob, groupId } = await aliceAndBob();
    const { store, control, offline } = storeOf(bob);
    await until(() => store.cursor(groupId) > 0);
    await offline();
    const items = ['one', 'two', 'three'].map((text) => store.send(groupId, text));
    expect(store.view(groupId).pending.map((p) => [p.text, p.status])).toEqual([
      ['one', 'queued'],
      ['two', 'queued'],
      ['three', 'queued'],
    ]);
    control.offline = false;
    const acks = await Promise.all(items.map((item) => item.acked));
    expect(acks.map((a) => a.seq)).toEqual([acks[0]!.seq, acks[0]!.seq + 1, acks[0]!.seq + 2]);
    await expectInStep(alice, store, groupId);
    expect(
      store
        .messages(groupId)
        .slice(-3)
        .map((m) => m.text),
    ).toEqual(['one', 'two', 'three']);
  }, 15_000);

  it('a picture and a sticker written offline go out through the outbox and arrive as media', async () => {
    const { alice, bob, groupId } = await aliceAndBob();
    const { store, control, offline } = storeOf(bob);
    await until(() => store.cursor(groupId) > 0);
    const picture = await bob.http.uploads.start(png, { kind: 'image', name: 'cat.png' }).done;
    const { packs } = await bob.http.stickers.list();
    const stickerId = packs[0]!.stickers[0]!.id;
    await offline();
    const items = [
      store.send(groupId, '', { attachmentId: picture.id }),
      store.send(groupId, '', { stickerId }),
    ];
    control.offline = false;
    await Promise.all(items.map((item) => item.acked));
    await expectInStep(alice, store, groupId);
    const [image, sticker] = store.messages(groupId).slice(-2);
    expect(image).toMatchObject({
      kind: 'image',
      text: '',
      attachment: { id: picture.id, mime: 'image/png' },
    });
    expect(sticker).toMatchObject({ kind: 'sticker', sticker: { id: stickerId } });
  }, 15_000);

  it('a conversation left while away is forgotten at the next sync', async () => {
    const { bob, groupId } = await aliceAndBob();
    const { store, control, offline } = storeOf(bob);
    await until(() => store.cursor(groupId) > 0);
    await offline();
    await bob.http.groups.leave(groupId);
    control.offline = false;
    await until(() => !store.conversationIds().includes(groupId));
    expect(store.messages(groupId)).toEqual([]);
  }, 15_000);
});
