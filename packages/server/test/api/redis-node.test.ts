import { closeCodes } from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisPresence } from '../../src/fanout/redis-presence.ts';
import { type TestServer, startTestServer } from '../../src/testing.ts';
import { TestRedis, silentLog } from '../contracts/support/redis.ts';
import { befriend, people } from '../support/factories.ts';
import { api } from '../support/http.ts';
import { type TestSocket, closeAll, openSocket } from '../support/socket.ts';

// One real node on PostgreSQL and Redis (app.ts wiring the Redis seams), next to "nodes" the
// test plays itself through the seams directly. Whole clusters of processes: test/cluster/.

describe('a node on Redis', () => {
  const redis = new TestRedis();
  let node: TestServer;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    node = await startTestServer('postgres', redis.nodeSettings());
  });
  afterAll(async () => {
    await closeAll(...sockets);
    await node?.close();
    await redis.close();
  });

  it('takes offline, for their friends, users whose node died, and records when they were last seen', async () => {
    const [alice, bob] = await people(node, 'alice', 'bob');
    await befriend(node, alice, bob);
    const bobSocket = await openSocket(node, bob.token);
    sockets.push(bobSocket);
    const aliceAsBobSees = async () => {
      const list = await api(node, 'GET', '/friends', { token: bob.token });
      return (list.body.friends as { user: { id: string } }[]).find((f) => f.user.id === alice.user.id);
    };
    // Alice's only socket is on another node, which then dies without a word.
    const link = await redis.link();
    const elsewhere = createRedisPresence({
      link,
      nodeId: 'doomed',
      log: silentLog,
      heartbeatMs: 50,
      nodeTtlMs: 200,
    });
    try {
      expect(await elsewhere.connected(alice.user.id)).toBe(true);
      expect((await api(node, 'GET', '/presence', { token: bob.token })).body.online).toEqual([
        alice.user.id,
      ]);
      expect(await aliceAsBobSees()).toMatchObject({ online: true });
      link.commands.disconnect();
      // The node reaps every 5 s by default; the dead one's heartbeat lasted 200 ms.
      const gone = await bobSocket.waitForEvent('presence.changed', (d) => d.userId === alice.user.id, 8000);
      expect(gone.data).toMatchObject({ userId: alice.user.id, online: false });
      expect((await api(node, 'GET', '/presence', { token: bob.token })).body.online).toEqual([]);
      expect(await aliceAsBobSees()).toMatchObject({ online: false, lastSeenAt: gone.data!.lastSeenAt });
    } finally {
      await elsewhere.close();
    }
  }, 15_000);

  it('tells its sockets to reconnect and sync (4009) when its link to the other nodes broke', async () => {
    const [carol] = await people(node, 'carol');
    const socket = await openSocket(node, carol.token);
    sockets.push(socket);
    node.parley.services.redis!.subscriber.disconnect(true);
    expect((await socket.waitForClose()).code).toBe(closeCodes.missedEvents);
  });
});
