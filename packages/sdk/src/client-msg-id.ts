import { v7 } from 'uuid';

/**
 * A new clientMsgId for a send or a forward: a UUIDv7, whose leading bits are the time, so the
 * ids a client makes sort in the order it made them. The server's idempotency index is keyed by
 * this id first (migration 20261207T0300_client_id_index), and time-ordered keys land at its end
 * — a random UUID would dirty a page of its own there for every message sent.
 */
export const newClientMsgId = (): string => v7();
