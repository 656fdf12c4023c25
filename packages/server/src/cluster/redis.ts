import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * A node's two connections to the cluster's Redis (PARLEY_REDIS_URL): `commands` for presence,
 * rate limits, locks and publishing, and `subscriber`, which pub/sub keeps to itself.
 * Both reconnect on their own; see docs/architecture.md "Several nodes".
 */
export interface RedisLink {
  commands: Redis;
  subscriber: Redis;
  /** Every key Parley writes starts with this, so one Redis can serve other programs too. */
  prefix: string;
  close(): Promise<void>;
}

export function openRedis(url: string, log: Logger, prefix = 'parley:'): RedisLink {
  const options = {
    // Never wait forever on a command while Redis is away: a send must not hang on the bus.
    maxRetriesPerRequest: 2,
    retryStrategy: (attempt: number) => Math.min(100 * 2 ** attempt, 2000),
    lazyConnect: false,
  };
  // While Redis is away a command fails at once instead of waiting in ioredis's queue through
  // the reconnection backoff (seconds): every caller has a way on without Redis (the bus drops
  // and counts, presence decides locally, rate limits fall back or let requests through).
  const commands = new Redis(url, {
    ...options,
    enableOfflineQueue: false,
    connectionName: 'parley-commands',
  });
  const subscriber = new Redis(url, { ...options, connectionName: 'parley-subscriber' });
  for (const [name, client] of [
    ['commands', commands],
    ['subscriber', subscriber],
  ] as const) {
    let down = false;
    client.on('error', (err: Error) => {
      if (!down) log.warn({ err: err.message }, `redis ${name} connection failed; retrying`);
      down = true;
    });
    client.on('ready', () => {
      if (down) log.info(`redis ${name} connection is back`);
      down = false;
    });
  }
  return {
    commands,
    subscriber,
    prefix,
    async close() {
      await Promise.all([commands.quit().catch(() => {}), subscriber.quit().catch(() => {})]);
    },
  };
}

/** A name for this node, unique in the cluster: host, process and a random tail (a restarted process is a new node). */
export function newNodeId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}
