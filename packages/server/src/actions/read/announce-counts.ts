import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { readStatesBefore } from '../../store/read-state.ts';
import type { Database } from '../../store/tables.ts';

/**
 * After an edit or a recall of the message at `seq`: the members who had not read it yet get
 * `read.updated` with their badges as they are now — a recall takes an unread message out of
 * the count, an edit may add or drop a mention — so their clients need not reload the list.
 * The members are `userIds` (an edit's changed mentions), or everyone but the sender (a
 * recall); those who had read past it are left out, their counts did not move.
 */
export async function announceCounts(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  conversationId: string,
  seq: number,
  who: { userIds: readonly string[] } | { except: string },
): Promise<void> {
  for (const { userId, ...state } of await readStatesBefore(tx, conversationId, seq, who))
    emit({ to: { users: [userId] }, event: { event: 'read.updated', data: state } });
}
