import type { Logger } from 'pino';
import { createMemoryBus } from '../bus/memory.ts';
import { createRedisBus } from '../bus/redis.ts';
import type { Bus } from '../bus/bus.ts';
import type { Config } from '../config/settings.ts';
import { type Presence, createMemoryPresence } from '../fanout/presence.ts';
import { createRedisPresence } from '../fanout/redis-presence.ts';
import { BlobLock } from '../media/blob-lock.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { type RedisLink, newNodeId, openRedis } from './redis.ts';

export interface Seams {
  nodeId: string;
  redis?: RedisLink;
  bus: Bus;
  presence: Presence;
  blobLock: BlobLock;
}

/**
 * The parts that differ between one node and several (docs/architecture.md, "Several nodes"):
 * in memory by default; with PARLEY_REDIS_URL the bus, presence and blob lock go through Redis,
 * each behind the interface its memory version has. `onMissedEvents` runs when the bus's
 * subscription was interrupted (the gateway then closes its sockets with 4009).
 */
export function openSeams(config: Config, log: Logger, metrics: Metrics, onMissedEvents: () => void): Seams {
  const nodeId = newNodeId();
  const onHandlerError = (err: unknown) => log.error({ err }, 'bus subscriber failed');
  if (!config.redisUrl) {
    return {
      nodeId,
      bus: createMemoryBus(onHandlerError),
      presence: createMemoryPresence(),
      blobLock: new BlobLock(),
    };
  }
  const redis = openRedis(config.redisUrl, log, config.redisPrefix);
  const bus = createRedisBus({
    link: redis,
    nodeId,
    onHandlerError,
    onLag: metrics.observeBusLag,
    onDropped: (count) => metrics.busDropped.inc(count),
    onInterrupted: () => {
      log.warn('bus subscription was interrupted; sockets reconnect and sync (4009)');
      onMissedEvents();
    },
  });
  return {
    nodeId,
    redis,
    bus,
    presence: createRedisPresence({ link: redis, nodeId, log }),
    blobLock: new BlobLock(redis),
  };
}
