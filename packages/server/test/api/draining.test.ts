import { randomUUID } from 'node:crypto';
import { closeCodes } from '@parley/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseUrlOf } from '../../src/config/load.ts';
import { openStore } from '../../src/store/connect.ts';
import { type TestServer, startTestServer } from '../../src/testing.ts';
import { TestRedis } from '../contracts/support/redis.ts';
import { befriend, people } from '../support/factories.ts';
import { type Frame, TestSocket, openSocket } from '../support/socket.ts';

// SIGTERM (Parley.close) drains a node: sends it has read are stored and answered before the
// socket closes, so no message is stored without its sender hearing the ack; the socket is
// closed with 1012 in a cluster (reconnect elsewhere at once) or 1001 on a lone node; new
// sockets are turned away meanwhile.

describe.each([
  { kind: 'a cluster node (PostgreSQL + Redis)', code: closeCodes.draining, cluster: true },
  { kind: 'a lone node (SQLite)', code: closeCodes.goingAway, cluster: false },
])('draining $kind', ({ code, cluster }) => {
  let server: TestServer | undefined;
  let redis: TestRedis | undefined;
  afterEach(async () => {
    await server?.close();
    await redis?.close();
  });

  it('answers every send it read, stores none unanswered, then closes the socket', async () => {
    redis = cluster ? new TestRedis() : undefined;
    server = await startTestServer(cluster ? 'postgres' : 'sqlite', redis?.nodeSettings() ?? {});
    const [alice, bob] = await people(server, 'alice', 'bob');
    const [accepted] = await befriend(server, alice, bob);
    const chat = accepted.conversationId as string;
    const socket = await openSocket(server, alice.token);

    // A burst of sends, and the drain starts as soon as the first is answered: the rest are
    // in every stage (being stored, read but not stored, not read yet).
    const sent = Array.from({ length: 200 }, (_, i) => ({ id: `s${i}`, clientMsgId: randomUUID() }));
    for (const { id, clientMsgId } of sent) {
      socket.send({ id, type: 'message.send', conversationId: chat, clientMsgId, text: `burst ${id}` });
    }
    await socket.waitFor((f) => f.re === 's0', 'the first ack');
    const draining = server.parley.close();
    // A newcomer meanwhile is turned away: refused, or closed with the drain's code.
    const newcomer = await TestSocket.connect(server).catch(() => null);
    const closed = await socket.waitForClose(15_000);
    await draining;
    expect(closed.code).toBe(code);
    if (newcomer) expect((await newcomer.waitForClose()).code).toBe(closeCodes.draining);

    const acked = socket.frames.filter((f: Frame) => typeof f.re === 'string' && f.re.startsWith('s'));
    expect(acked.every((f) => f.error === undefined)).toBe(true);
    // Nothing was stored that its sender did not hear about, and everything acked is stored.
    // The node has closed its database; look with a connection of our own.
    const store = openStore(databaseUrlOf(server.parley.services.config));
    const stored = await store.db
      .selectFrom('messages')
      .select('client_msg_id')
      .where('conversation_id', '=', chat)
      .where('kind', '=', 'text')
      .execute()
      .finally(() => store.close());
    const ackedIds = new Set(acked.map((f) => f.ok.clientMsgId as string));
    expect(new Set(stored.map((r) => r.client_msg_id))).toEqual(ackedIds);
    expect(ackedIds.size).toBeGreaterThan(0);
  });
});
