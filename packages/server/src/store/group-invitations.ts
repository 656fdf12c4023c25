import type { Kysely } from 'kysely';
import type { Database, GroupInvitationRow } from './tables.ts';

type Db = Kysely<Database>;

export async function insertInvitation(db: Db, row: GroupInvitationRow): Promise<void> {
  await db.insertInto('group_invitations').values(row).execute();
}

export function invitationById(db: Db, id: string): Promise<GroupInvitationRow | undefined> {
  return db.selectFrom('group_invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Which of `ids` already have a pending invitation to the group. */
export async function pendingInviteesAmong(db: Db, groupId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('group_invitations')
    .select('invitee_id')
    .where('conversation_id', '=', groupId)
    .where('invitee_id', 'in', ids)
    .where('status', '=', 'pending')
    .execute();
  return new Set(rows.map((r) => r.invitee_id));
}

/** A user's pending invitations to groups that still exist, newest first. */
export function pendingInvitationsFor(db: Db, userId: string): Promise<GroupInvitationRow[]> {
  return db
    .selectFrom('group_invitations')
    .innerJoin('conversations', 'conversations.id', 'group_invitations.conversation_id')
    .selectAll('group_invitations')
    .where('group_invitations.invitee_id', '=', userId)
    .where('group_invitations.status', '=', 'pending')
    .where('conversations.dissolved_at', 'is', null)
    .orderBy('group_invitations.created_at', 'desc')
    .execute();
}
