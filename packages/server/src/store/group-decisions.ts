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

/** Once someone is in (or the group is gone), their open invitations and requests are moot. */
export async function cancelPending(db: Db, groupId: string, at: string, userId?: string): Promise<void> {
  for (const [table, column] of [
    ['group_invitations', 'invitee_id'],
    ['join_requests', 'user_id'],
  ] as const) {
    let query = db
      .updateTable(table)
      .set({ status: 'cancelled', decided_at: at })
      .where('conversation_id', '=', groupId)
      .where('status', '=', 'pending');
    if (userId !== undefined) query = query.where(column, '=', userId);
    await query.execute();
  }
}
