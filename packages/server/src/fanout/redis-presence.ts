import type { Logger } from 'pino';
import type { RedisLink } from '../cluster/redis.ts';
import type { Presence } from './presence.ts';
import { connectScript, disconnectScript, reapScript, rewriteScript } from './presence-scripts.ts';

export interface RedisPresenceOptions {
  link: RedisLink;
  nodeId: string;
  log: Pick<Logger, 'warn'>;
  /** How often this node says it is alive. */
  heartbeatMs?: number;
  /** How long a heartbeat lasts: a node silent this long is dead. Several heartbeats, so one late beat is no death. */
  nodeTtlMs?: number;
  /** How often this node looks for dead nodes. */
  reapMs?: number;
}

/**
 * Presence across nodes (scripts and keys in presence-scripts.ts). Every node counts its own
 * sockets in memory and mirrors the counts into Redis, where atomic scripts decide when a
 * user goes online or offline cluster-wide, so exactly one node announces each change.
 *
 * A node killed outright cannot take its users offline, so every node heartbeats an expiring
 * key, and every node's reaper removes the counts of nodes whose key expired; the one whose
 * script wins hands the users now offline everywhere to onLost. With the defaults a dead
 * node's users go offline within ttl + reap interval = 20 s.
 *
 * Redis holds only a copy: when Redis comes back empty, or this node finds itself reaped
 * after a long pause, the node writes its own counts back. When Redis cannot be reached, a
 * change is decided from this node's counts alone and Redis is put right at the next beat.
 */
export function createRedisPresence(options: RedisPresenceOptions): Presence {
  const { link, nodeId, log, heartbeatMs = 5_000, nodeTtlMs = 15_000, reapMs = 5_000 } = options;
  const redis = link.commands;
  const key = {
    node: (id: string) => `${link.prefix}node:${id}`,
    sockets: (id: string) => `${link.prefix}sockets:${id}`,
    nodes: `${link.prefix}nodes`,
    online: `${link.prefix}online`,
  };
  const mine = [key.sockets(nodeId), key.online, key.node(nodeId)];
  const counts = new Map<string, number>();
  const lostHandlers = new Set<(userIds: string[]) => void>();
  let stale = false;
  let rewriting: Promise<void> | undefined;
  let closed = false;
  // Logged once per outage, not once per socket.
  let failing = false;

  const warn = (err: unknown, what: string) => {
    if (failing) return;
    failing = true;
    log.warn({ err: err instanceof Error ? err.message : err }, `presence: ${what}`);
  };

  /** Sends this node's counts as they are now; later changes are sent after it, so Redis ends up right. */
  const rewrite = (): Promise<void> => {
    if (rewriting) {
      stale = true;
      return rewriting;
    }
    stale = false;
    const pairs = [...counts].flatMap(([user, n]) => [user, n]);
    rewriting = rewriteScript(
      redis,
      [key.sockets(nodeId), key.online, key.nodes, key.node(nodeId)],
      [nodeId, nodeTtlMs, Date.now(), ...pairs],
    )
      .then(
        () => {
          failing = false;
        },
        (err: unknown) => {
          stale = true;
          warn(err, 'could not write counts to Redis; will retry');
        },
      )
      .finally(() => (rewriting = undefined));
    return rewriting;
  };

  const change = async (script: typeof connectScript, userId: string, locally: boolean) => {
    try {
      const [changed, registered] = await script(redis, mine, [userId]);
      if (!registered) void rewrite();
      return changed === 1;
    } catch (err) {
      stale = true;
      warn(err, 'Redis unreachable; deciding from this node alone');
      return locally;
    }
  };

  const beat = async () => {
    try {
      const alive = await redis.set(key.node(nodeId), Date.now(), 'PX', nodeTtlMs, 'XX');
      if (!alive || stale) await rewrite();
    } catch (err) {
      stale = true;
      warn(err, 'heartbeat failed');
    }
  };

  const reap = async () => {
    try {
      const nodes = (await redis.smembers(key.nodes)).filter((id) => id !== nodeId);
      if (nodes.length === 0) return;
      const alive = await redis.exists(...nodes.map(key.node));
      if (alive === nodes.length) return;
      for (const id of nodes) {
        const args = [key.nodes, key.node(id), key.sockets(id), key.online];
        const gone = await reapScript(redis, args, [id, 'reap']);
        if (gone.length === 0 || closed) continue;
        for (const handler of lostHandlers) handler(gone);
      }
    } catch (err) {
      warn(err, 'could not look for dead nodes');
    }
  };

  // Redis back after a restart (empty, perhaps) or a dropped connection: write our counts again.
  const onReady = () => void rewrite();
  redis.on('ready', onReady);
  if (redis.status === 'ready') void rewrite();
  const timers = [setInterval(beat, heartbeatMs), setInterval(reap, reapMs)];
  for (const timer of timers) timer.unref();

  return {
    async connected(userId) {
      const count = (counts.get(userId) ?? 0) + 1;
      counts.set(userId, count);
      return change(connectScript, userId, count === 1);
    },
    async disconnected(userId) {
      const count = counts.get(userId) ?? 0;
      if (count === 0) return false;
      if (count > 1) counts.set(userId, count - 1);
      else counts.delete(userId);
      return change(disconnectScript, userId, count === 1);
    },
    async onlineAmong(userIds) {
      if (userIds.length === 0) return new Set();
      try {
        const nodes = await redis.hmget(key.online, ...userIds);
        return new Set(userIds.filter((_id, i) => Number(nodes[i] ?? 0) > 0));
      } catch (err) {
        warn(err, 'Redis unreachable; answering for this node only');
        return new Set(userIds.filter((id) => counts.has(id)));
      }
    },
    /** HLEN of the online hash (a user stays in it while any node counts a socket of theirs): O(1). */
    async onlineCount() {
      try {
        return await redis.hlen(key.online);
      } catch (err) {
        warn(err, 'Redis unreachable; counting this node only');
        return counts.size;
      }
    },
    onLost(handler) {
      lostHandlers.add(handler);
    },
    /** Leaves the cluster; the gateway has closed its sockets, so normally nothing is left to remove. */
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearInterval(timer);
      redis.off('ready', onReady);
      lostHandlers.clear();
      await rewriting;
      const args = [key.nodes, key.node(nodeId), key.sockets(nodeId), key.online];
      await reapScript(redis, args, [nodeId, 'leave']).catch((err: unknown) => warn(err, 'could not leave'));
    },
  };
}
