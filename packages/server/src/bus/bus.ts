import type { ServerEvent } from '@parley/protocol';

/**
 * Who an event is for. Actions choose the audience; each node's fanout resolves it to the
 * sockets it holds. `everyone` means every signed-in socket (profile changes).
 */
export type Audience = { users: string[] } | { sessions: string[] } | { everyone: true };

export interface Envelope {
  to: Audience;
  event: ServerEvent;
  /**
   * `event` already serialised, when a bus has done it (the Redis bus serialises once for the
   * wire and hands the same text to local and remote fanouts). Must equal JSON.stringify(event).
   */
  text?: string;
}

/** What a cluster bus counts, for metrics: envelopes it could not send, how late remote ones arrive. */
export interface BusStats {
  /** Envelopes dropped because Redis was unreachable (the DB still has what they announced). */
  dropped: number;
  /** Remote envelopes received. */
  received: number;
  /** now − publish time of the latest remote envelope, in ms (0 before the first). */
  lagMs: number;
}

/**
 * Carries events from the node that committed them to every node's fanout. In-memory for one
 * process; Redis pub/sub for several (bus/redis.ts). Delivery order per publisher is kept.
 */
export interface Bus {
  publish(envelope: Envelope): Promise<void>;
  /** Calls `handler` for every envelope published from now on; returns an unsubscribe. */
  subscribe(handler: (envelope: Envelope) => void): () => void;
  close(): Promise<void>;
  /** Counters of a bus that can lose envelopes (Redis); the memory bus has none. */
  stats?(): BusStats;
}
