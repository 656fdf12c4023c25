import type { Logger } from 'pino';
import type { RedisLink } from './cluster/redis.ts';
import type { MemberCache } from './access/member-cache.ts';
import type { SendBatcher } from './actions/messages/send-batcher.ts';
import { LoginThrottle } from './auth/login-throttle.ts';
import type { BlobLock } from './media/blob-lock.ts';
import type { BlobStore } from './media/blob-store.ts';
import type { UploadStaging } from './media/upload-staging.ts';
import type { Bus, Envelope } from './bus/bus.ts';
import type { Config } from './config/settings.ts';
import type { Presence } from './fanout/presence.ts';
import type { PushSender } from './push/push-sender.ts';
import type { Metrics } from './metrics/metrics.ts';
import { SessionRateLimit } from './http/session-rate-limit.ts';
import type { Store } from './store/connect.ts';
import { isUniqueViolation } from './store/errors.ts';
import type { Database } from './store/tables.ts';
import type { Kysely } from 'kysely';

/** Everything an action may use. Built once at start; tests build their own. */
export interface Services {
  config: Config;
  /** This node's name in the cluster (cluster/redis.ts newNodeId). */
  nodeId: string;
  /** The cluster's Redis, when PARLEY_REDIS_URL is set; undefined for a single node. */
  redis?: RedisLink;
  store: Store;
  bus: Bus;
  presence: Presence;
  loginThrottle: LoginThrottle;
  sessionRateLimit: SessionRateLimit;
  log: Logger;
  /** Members and send rights per conversation, checked against access_rev (access/member-cache.ts). */
  members: MemberCache;
  /** Group commit for sends (actions/messages/send-batcher.ts). */
  sends: SendBatcher;
  /** Web Push to devices with no socket open (push/push-sender.ts). */
  push: PushSender;
  /** Stored files by SHA-256 (media/blob-store.ts). */
  blobs: BlobStore;
  blobLock: BlobLock;
  /** tus's partial uploads, where every node reaches them (media/upload-staging.ts). */
  staging: UploadStaging;
  /** PARLEY_DATA_DIR/work: this node's scratch space for checking and processing files. */
  paths: { work: string };
  /** Prometheus instruments served at /metrics (metrics/metrics.ts). */
  metrics: Metrics;
  /** Set on SIGTERM: /api/v1/ready answers 503 so the load balancer stops sending traffic here. */
  draining: boolean;
}

/** The limiters: in memory for a single node, in Redis (shared by every node) when `redis` is given. */
export function createLimiters(
  config: Config,
  redis?: RedisLink,
): Pick<Services, 'loginThrottle' | 'sessionRateLimit'> {
  return {
    loginThrottle: new LoginThrottle(config.loginMaxFailures, redis),
    sessionRateLimit: new SessionRateLimit(config.requestsPerMinute, redis),
  };
}

/**
 * Runs `work` in one transaction and publishes the events it queued only after the commit:
 * an event never announces something a rollback undid (HOUSE.md, habit 2).
 */
export async function transact<T>(
  services: Services,
  work: (tx: Kysely<Database>, emit: (envelope: Envelope) => void) => Promise<T>,
  { retryOnConflict = false }: { retryOnConflict?: boolean } = {},
): Promise<T> {
  const queued: Envelope[] = [];
  let result: T;
  try {
    result = await services.store.db.transaction().execute((tx) => work(tx, (e) => queued.push(e)));
  } catch (err) {
    // Two people creating the same thing at once (the pair's direct conversation): the loser's
    // insert breaks a unique key and its transaction rolls back. Run it again once; now it
    // finds the winner's row and goes on from there (or refuses, as the rules say).
    if (!retryOnConflict || !isUniqueViolation(err)) throw err;
    queued.length = 0;
    result = await services.store.db.transaction().execute((tx) => work(tx, (e) => queued.push(e)));
  }
  for (const envelope of queued) await services.bus.publish(envelope);
  return result;
}
