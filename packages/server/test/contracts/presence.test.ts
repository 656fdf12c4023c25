import { afterEach, describe, expect, it } from 'vitest';
import type { RedisLink } from '../../src/cluster/redis.ts';
import { type Presence, createMemoryPresence } from '../../src/fanout/presence.ts';
import { type RedisPresenceOptions, createRedisPresence } from '../../src/fanout/redis-presence.ts';
import { TestRedis, eventually, silentLog } from './support/redis.ts';

// The same suite on every Presence (HOUSE.md habit 8). "Nodes" are presences that should
// count as one: in memory one presence shared by all (one process is one node); on Redis one
// presence per node, each with its own link, with short intervals so dying is quick to see.

type Timing = Pick<RedisPresenceOptions, 'heartbeatMs' | 'nodeTtlMs' | 'reapMs'>;
const quick: Timing = { heartbeatMs: 100, nodeTtlMs: 400, reapMs: 100 };

interface Node {
  presence: Presence;
  link?: RedisLink;
}
interface Nodes {
  nodes: Node[];
  redis?: TestRedis;
  close(): Promise<void>;
}

async function redisNodes(count: number, timing: Timing = quick): Promise<Nodes> {
  const redis = new TestRedis();
  const nodes: Node[] = [];
  for (let i = 0; i < count; i++) {
    const link = await redis.link();
    nodes.push({
      link,
      presence: createRedisPresence({ link, nodeId: `node-${i}`, log: silentLog, ...timing }),
    });
  }
  // Every node has registered (its heartbeat key exists) before the test starts.
  await eventually(async () => (await redis.admin.scard(`${redis.prefix}nodes`)) === count);
  return {
    nodes,
    redis,
    async close() {
      await Promise.all(nodes.map((node) => node.presence.close()));
      await redis.close();
    },
  };
}

const kinds: { name: string; start(count: number): Promise<Nodes> }[] = [
  {
    name: 'memory',
    async start(count) {
      const presence = createMemoryPresence();
      return { nodes: Array.from({ length: count }, () => ({ presence })), close: () => presence.close() };
    },
  },
  { name: 'Redis', start: (count) => redisNodes(count) },
];

let cluster: Nodes | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

describe.each(kinds)('$name presence', (kind) => {
  it('puts a user online with their first socket on any node and offline with their last', async () => {
    cluster = await kind.start(2);
    const [a, b] = cluster.nodes.map((n) => n.presence) as [Presence, Presence];
    expect(await a.connected('alice')).toBe(true);
    expect(await b.connected('alice')).toBe(false);
    expect(await a.connected('alice')).toBe(false);
    expect(await a.disconnected('alice')).toBe(false);
    expect(await b.disconnected('alice')).toBe(false);
    expect(await b.onlineAmong(['alice'])).toEqual(new Set(['alice']));
    expect(await a.disconnected('alice')).toBe(true);
    expect(await b.onlineAmong(['alice'])).toEqual(new Set());
  });

  it('counts each user online once, however many sockets and nodes they have', async () => {
    cluster = await kind.start(2);
    const [a, b] = cluster.nodes.map((n) => n.presence) as [Presence, Presence];
    expect(await a.onlineCount()).toBe(0);
    await a.connected('alice');
    await b.connected('alice');
    await a.connected('alice');
    await b.connected('bob');
    expect(await a.onlineCount()).toBe(2);
    expect(await b.onlineCount()).toBe(2);
    await b.disconnected('bob');
    await a.disconnected('alice');
    expect(await a.onlineCount()).toBe(1);
    await a.disconnected('alice');
    await b.disconnected('alice');
    expect(await b.onlineCount()).toBe(0);
  });

  it('decides each going online and offline exactly once when nodes race', async () => {
    cluster = await kind.start(3);
    const all = cluster.nodes.map((n) => n.presence);
    const sockets = all.flatMap((p) => [p, p, p]);
    const online = await Promise.all(sockets.map((p) => p.connected('bob')));
    expect(online.filter(Boolean)).toHaveLength(1);
    const offline = await Promise.all(sockets.map((p) => p.disconnected('bob')));
    expect(offline.filter(Boolean)).toHaveLength(1);
    expect(await all[0]!.onlineAmong(['bob'])).toEqual(new Set());
  });

  it('answers which of the users asked about are online, from any node', async () => {
    cluster = await kind.start(2);
    const [a, b] = cluster.nodes.map((n) => n.presence) as [Presence, Presence];
    await a.connected('alice');
    await b.connected('bob');
    await b.connected('carol');
    expect(await a.onlineAmong(['alice', 'bob', 'dave'])).toEqual(new Set(['alice', 'bob']));
    expect(await b.onlineAmong(['dave'])).toEqual(new Set());
    expect(await b.onlineAmong([])).toEqual(new Set());
  });

  it('treats a socket it never counted as no change', async () => {
    cluster = await kind.start(1);
    const [a] = cluster.nodes.map((n) => n.presence) as [Presence];
    expect(await a.disconnected('alice')).toBe(false);
    expect(await a.connected('alice')).toBe(true);
  });
});

describe('Redis presence across nodes', () => {
  it('keeps each node’s sockets its own: a node cannot close a socket another node counted', async () => {
    cluster = await redisNodes(2);
    const [a, b] = cluster.nodes.map((n) => n.presence) as [Presence, Presence];
    await a.connected('alice');
    expect(await b.disconnected('alice')).toBe(false);
    expect(await b.onlineAmong(['alice'])).toEqual(new Set(['alice']));
  });
});

describe('Redis presence when a node dies', () => {
  it('takes the dead node’s users offline on one surviving node, once, and not users still on other nodes', async () => {
    cluster = await redisNodes(3);
    const [dying, b, c] = cluster.nodes as [Node, Node, Node];
    const lost: { node: string; users: string[] }[] = [];
    b.presence.onLost((users) => lost.push({ node: 'b', users }));
    c.presence.onLost((users) => lost.push({ node: 'c', users }));
    await dying.presence.connected('alice');
    await dying.presence.connected('alice');
    await dying.presence.connected('bob');
    await b.presence.connected('bob');

    // SIGKILL: the node's connection is gone and it never cleans up.
    const killedAt = Date.now();
    dying.link!.commands.disconnect();
    await eventually(() => lost.length > 0, 3000);
    expect(Date.now() - killedAt).toBeLessThan(quick.nodeTtlMs! + 3 * quick.reapMs! + 500);
    await new Promise((r) => setTimeout(r, 5 * quick.reapMs!)); // more reaps find nothing more
    expect(lost).toHaveLength(1);
    expect(lost[0]!.users).toEqual(['alice']);
    expect(await c.presence.onlineAmong(['alice', 'bob'])).toEqual(new Set(['bob']));
    expect(await b.presence.disconnected('bob')).toBe(true);

    // Alice reconnects elsewhere: online again, announced by that node.
    expect(await c.presence.connected('alice')).toBe(true);
    expect(await b.presence.onlineAmong(['alice'])).toEqual(new Set(['alice']));
  });

  it('never reports a live node’s users lost, however long it lives', async () => {
    cluster = await redisNodes(2);
    const [a, b] = cluster.nodes as [Node, Node];
    const lost: string[][] = [];
    a.presence.onLost((users) => lost.push(users));
    await b.presence.connected('alice');
    await new Promise((r) => setTimeout(r, 3 * quick.nodeTtlMs!));
    expect(lost).toEqual([]);
    expect(await a.presence.onlineAmong(['alice'])).toEqual(new Set(['alice']));
  });

  it('leaves the cluster when it closes: nothing of it stays in Redis', async () => {
    cluster = await redisNodes(2);
    const [a, b] = cluster.nodes as [Node, Node];
    await a.presence.connected('alice');
    await a.presence.disconnected('alice');
    await a.presence.close();
    expect(await cluster.redis!.admin.sismember(`${cluster.redis!.prefix}nodes`, 'node-0')).toBe(0);
    expect(await cluster.redis!.admin.exists(`${cluster.redis!.prefix}node:node-0`)).toBe(0);
    expect(await b.presence.onlineAmong(['alice'])).toEqual(new Set());
  });
});

describe('Redis presence when Redis loses its data', () => {
  const expectCountsBack = async ([a, b]: Node[]) => {
    // Until every node has written its counts back, bob is known on one node only; wait for
    // both (two nodes hold bob), then check what the counts decide.
    await eventually(
      async () => (await cluster!.redis!.admin.hget(`${cluster!.redis!.prefix}online`, 'bob')) === '2',
    );
    expect(await b!.presence.onlineAmong(['alice', 'bob'])).toEqual(new Set(['alice', 'bob']));
    // The counts came back, not just the names: alice had two sockets on node a.
    expect(await a!.presence.disconnected('alice')).toBe(false);
    expect(await a!.presence.disconnected('alice')).toBe(true);
    expect(await a!.presence.disconnected('bob')).toBe(false);
    expect(await b!.presence.disconnected('bob')).toBe(true);
  };

  it('writes every node’s counts back at the next heartbeat', async () => {
    cluster = await redisNodes(2);
    const [a, b] = cluster.nodes as [Node, Node];
    await a.presence.connected('alice');
    await a.presence.connected('alice');
    await a.presence.connected('bob');
    await b.presence.connected('bob');
    await cluster.redis!.deleteKeys();
    await expectCountsBack(cluster.nodes);
  });

  it('writes its counts back as soon as its connection to a restarted Redis is ready', async () => {
    // Heartbeats too slow to help: only the reconnection can bring the counts back in time.
    cluster = await redisNodes(2, { heartbeatMs: 60_000, nodeTtlMs: 180_000, reapMs: 60_000 });
    const [a, b] = cluster.nodes as [Node, Node];
    await a.presence.connected('alice');
    await a.presence.connected('alice');
    await a.presence.connected('bob');
    await b.presence.connected('bob');
    await cluster.redis!.deleteKeys();
    for (const node of cluster.nodes) node.link!.commands.disconnect(true);
    await expectCountsBack(cluster.nodes);
  });

  it('takes offline a user who leaves before the counts are back, unless another node has them', async () => {
    cluster = await redisNodes(2, { heartbeatMs: 60_000, nodeTtlMs: 180_000, reapMs: 60_000 });
    const [a, b] = cluster.nodes as [Node, Node];
    await a.presence.connected('alice');
    await a.presence.connected('bob');
    await cluster.redis!.deleteKeys();
    await b.presence.connected('bob');
    expect(await a.presence.disconnected('alice')).toBe(true);
    expect(await a.presence.disconnected('bob')).toBe(false);
  });

  it('decides from its own counts while Redis is unreachable', async () => {
    const redis = new TestRedis();
    const link = await redis.link('redis://127.0.0.1:1');
    const presence = createRedisPresence({ link, nodeId: 'alone', log: silentLog, ...quick });
    cluster = {
      nodes: [{ presence, link }],
      redis,
      close: async () => (await presence.close(), await redis.close()),
    };
    expect(await presence.connected('alice')).toBe(true);
    expect(await presence.connected('alice')).toBe(false);
    expect(await presence.onlineAmong(['alice', 'bob'])).toEqual(new Set(['alice']));
    expect(await presence.disconnected('alice')).toBe(false);
    expect(await presence.disconnected('alice')).toBe(true);
  });
});
