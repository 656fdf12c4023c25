import { createHash, randomBytes } from 'node:crypto';
import type { Message } from '@parley/protocol';
import { type Connection, ConversationStore, ParleyClient } from '@parley/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { TestServer } from '../../src/testing.ts';
import { until } from '../proof/support/settings.ts';
import { befriend, people } from '../support/factories.ts';
import { download } from '../support/uploads.ts';
import { type Cluster, startCluster } from './support/cluster.ts';
import { Nginx } from './support/nginx.ts';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// docs/deploy.md's nginx in front of two nodes, as an operator would run them. A client that
// knows only nginx's address signs in, chats, uploads (in chunks that nginx spreads over both
// nodes) and downloads; then one node stops and the client carries on through the other.
describe('two nodes behind nginx, configured as docs/deploy.md says', () => {
  let cluster: Cluster;
  let nginx: Nginx;
  const stores: ConversationStore[] = [];
  const clients: ParleyClient[] = [];
  const connections: Connection[] = [];

  beforeAll(async () => {
    cluster = await startCluster(2, { env: { PARLEY_TRUST_PROXY: '127.0.0.1' } });
    nginx = await Nginx.start(cluster.nodes.map((node) => new URL(node.url).host));
  }, 90_000);
  afterAll(async () => {
    for (const store of stores) store.dispose();
    for (const connection of connections) connection.close();
    await nginx?.stop();
    await cluster?.close();
  });

  it('serves a client through nginx, and the client carries on when a node stops', async () => {
    const front = { url: nginx.url, wsUrl: `${nginx.url.replace('http', 'ws')}/ws` } as TestServer;
    const [alice, bob] = await people(front, 'alice', 'bob');
    const [accepted] = await befriend(front, alice, bob);
    const chat = accepted.conversationId as string;
    const [aliceStore, bobStore] = [alice, bob].map((person) => {
      const client = new ParleyClient({ baseUrl: nginx.url, token: person.token, WebSocket });
      clients.push(client);
      const connection = client.connect({ backoff: { initialMs: 50, maxMs: 400 } });
      connections.push(connection);
      const store = new ConversationStore({
        http: client.http,
        connection,
        retryMs: 200,
        ackTimeoutMs: 5000,
      });
      stores.push(store);
      return store;
    }) as [ConversationStore, ConversationStore];
    await Promise.all([aliceStore.track(chat), bobStore.track(chat)]);

    const chatRound = async (label: string) => {
      const items = [];
      for (let i = 0; i < 10; i += 1) {
        items.push(aliceStore.send(chat, `${label} alice ${i}`), bobStore.send(chat, `${label} bob ${i}`));
      }
      await Promise.all(items.map((item) => item.acked));
    };
    const expectBothHoldHistory = async () => {
      const history: Message[] = await clients[0]!.http.messages.allAfter(chat);
      for (const store of [aliceStore, bobStore]) {
        await until(() => store.cursor(chat) >= history.at(-1)!.seq, 15_000, 'the store catches up');
        expect(store.messages(chat).map((m) => m.id)).toEqual(history.map((m) => m.id));
      }
      return history;
    };
    const shareFile = async (name: string) => {
      const bytes = randomBytes(300 * 1024);
      // 64 KiB a request: five PATCHes, which nginx hands to both nodes in turn.
      const upload = await clients[0]!.http.uploads.start(bytes, { kind: 'file', name, chunkSize: 64 * 1024 })
        .done;
      const sent = aliceStore.send(chat, 'the file', { attachmentId: upload.id });
      await sent.acked;
      await until(
        () => bobStore.messages(chat).some((m) => m.attachment?.id === upload.id),
        15_000,
        'bob sees the file',
      );
      const got = await download(front, bob, `/media/${upload.id}`);
      expect(got.status).toBe(200);
      expect(sha(got.bytes)).toBe(sha(bytes));
    };

    await chatRound('before');
    await shareFile('notes.bin');
    await expectBothHoldHistory();

    // Node A stops (SIGTERM: it drains and closes its sockets with 1012); nginx now sends
    // everything to node B, and the clients' sockets that were on A reconnect there.
    await cluster.nodes[0]!.process.stop();
    await chatRound('after');
    await shareFile('more-notes.bin');
    const history = await expectBothHoldHistory();
    expect(history.filter((m) => m.kind === 'text')).toHaveLength(40);
    expect(history.filter((m) => m.kind === 'file')).toHaveLength(2);
  }, 90_000);
});
