import type { Kysely } from 'kysely';
import type { Database, RequestStatus } from './tables.ts';

type Db = Kysely<Database>;

// A group invitation and a join request are both asks that wait, 'pending', for a decision
// (decided_at, and for a request decided_by). The two tables are settled the same way.

/**
 * Settles a pending invitation or join request; false when it was no longer pending. The
 * condition is in the update itself, so of two answers racing only one can win.
 */
export async function decide(
  db: Db,
  table: 'group_invitations' | 'join_requests',
  id: string,
  status: Exclude<RequestStatus, 'pending'>,
  at: string,
  decidedBy?: string,
): Promise<boolean> {
  const changes = { status, decided_at: at, ...(decidedBy !== undefined && { decided_by: decidedBy }) };
  const result = await db
    .updateTable(table)
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** An invitation cancelled because it became moot: whose it was, to tell them. */
export interface CancelledInvitation {
  id: string;
  invitee_id: string;
}

/**
 * Once someone is in (or the group is gone), their open invitations and requests are moot.
 * Returns the invitations cancelled: their invitees hold them in a list and are told.
 */
export async function cancelPending(
  db: Db,
  groupId: string,
  at: string,
  userId?: string,
): Promise<CancelledInvitation[]> {
  let invitations = db
    .updateTable('group_invitations')
    .set({ status: 'cancelled', decided_at: at })
    .where('conversation_id', '=', groupId)
    .where('status', '=', 'pending');
  if (userId !== undefined) invitations = invitations.where('invitee_id', '=', userId);
  const cancelled = await invitations.returning(['id', 'invitee_id']).execute();
  let requests = db
    .updateTable('join_requests')
    .set({ status: 'cancelled', decided_at: at })
    .where('conversation_id', '=', groupId)
    .where('status', '=', 'pending');
  if (userId !== undefined) requests = requests.where('user_id', '=', userId);
  await requests.execute();
  return cancelled;
}
