import type { SessionRevoked } from '@parley/protocol';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Envelope } from '../../bus/bus.ts';
import { deleteSessionsOf } from '../../store/account-removal.ts';
import type { Database } from '../../store/tables.ts';

/**
 * Ends every session of the user in the caller's transaction: the rows go (so every bearer
 * token and media cookie stops working at once, on every node) and each session's sockets hear
 * `session.revoked` with `reason` after the commit, then are closed with 4003 by the fanout.
 */
export async function endSessionsOf(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  userId: string,
  reason: z.infer<typeof SessionRevoked>['reason'],
): Promise<void> {
  for (const sessionId of await deleteSessionsOf(tx, userId)) {
    emit({ to: { sessions: [sessionId] }, event: { event: 'session.revoked', data: { sessionId, reason } } });
  }
}
