import type { ServerEvent } from '@parley/protocol';

/**
 * Who an event is for. Actions choose the audience; each node's fanout resolves it to the
 * sockets it holds. `everyone` means every signed-in socket (profile changes).
 */
export type Audience = { users: string[] } | { sessions: string[] } | { everyone: true };

export interface Envelope {
  to: Audience;
  event: ServerEvent;
}

/**
 * Carries events from the node that committed them to every node's fanout. In-memory for one
 * process; Redis pub/sub for several (a later step). Delivery order per publisher is kept.
 */
export interface Bus {
  publish(envelope: Envelope): Promise<void>;
  /** Calls `handler` for every envelope published from now on; returns an unsubscribe. */
  subscribe(handler: (envelope: Envelope) => void): () => void;
  close(): Promise<void>;
}
