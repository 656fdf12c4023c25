import { type Kysely, sql } from 'kysely';
import type {
  ConversationRow,
  Database,
  GroupInvitationRow,
  JoinRequestRow,
  RequestStatus,
  UserRow,
} from './tables.ts';

type Db = Kysely<Database>;

/**
 * A live group or lobby, write-locked until the transaction ends. Every action that changes a
 * group's membership takes this first: on PostgreSQL two accepts racing for the last free seat
 * (or a join racing a dissolve) then take turns, and the second sees the first's result. The
 * no-op update is the lock that works on both databases (SQLite has no FOR UPDATE; its
 * transactions are serial anyway).
 */
export function lockGroup(db: Db, id: string): Promise<ConversationRow | undefined> {
  return db
    .updateTable('conversations')
    .set((eb) => ({ member_count: eb.ref('member_count') }))
    .where('id', '=', id)
    .where('kind', 'in', ['group', 'lobby'])
    .where('dissolved_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Escapes LIKE wildcards so a search for "a_b" or "50%" means those characters. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Groups anyone may find: live, kind 'group', not invite-only, whose name contains `text`
 * (any letter case), by name then id, after the given keyset position.
 */
export function searchGroups(
  db: Db,
  text: string,
  limit: number,
  after?: { name: string; id: string },
): Promise<ConversationRow[]> {
  let query = db
    .selectFrom('conversations')
    .selectAll()
    .where('kind', '=', 'group')
    .where('dissolved_at', 'is', null)
    .where('join_policy', '!=', 'invite');
  if (text) query = query.where(sql`lower(name)`, 'like', sql`${likePattern(text)} escape '\\'`);
  if (after)
    query = query.where((eb) =>
      eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]),
    );
  return query.orderBy('name').orderBy('id').limit(limit).execute();
}

export function usersByIds(db: Db, ids: string[]): Promise<UserRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').selectAll().where('id', 'in', ids).execute();
}

/** Live groups by id (for presenting invitations and requests). */
export function groupsByIds(db: Db, ids: string[]): Promise<ConversationRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('id', 'in', ids)
    .where('dissolved_at', 'is', null)
    .execute();
}

/** Which of `ids` are `userId`'s friends. */
export async function friendsAmong(db: Db, userId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('friendships')
    .select('friend_id')
    .where('user_id', '=', userId)
    .where('friend_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.friend_id));
}

/** Which of `ids` are members of the conversation. */
export async function membersAmong(db: Db, conversationId: string, ids: string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('members')
    .select('user_id')
    .where('conversation_id', '=', conversationId)
    .where('user_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

export async function insertInvitation(db: Db, row: GroupInvitationRow): Promise<void> {
  await db.insertInto('group_invitations').values(row).execute();
}

export function invitationById(db: Db, id: string): Promise<GroupInvitationRow | undefined> {
  return db.selectFrom('group_invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Which of `ids` already have a pending invitation to the group. */
export async function pendingInviteesAmong(db: Db, groupId: string, ids: string[]): Promise<Set<string>> {
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

export async function insertJoinRequest(db: Db, row: JoinRequestRow): Promise<void> {
  await db.insertInto('join_requests').values(row).execute();
}

export function joinRequestById(db: Db, id: string): Promise<JoinRequestRow | undefined> {
  return db.selectFrom('join_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export function pendingJoinRequest(db: Db, groupId: string, userId: string) {
  return db
    .selectFrom('join_requests')
    .selectAll()
    .where('conversation_id', '=', groupId)
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** A group's pending join requests, oldest first (first come, first served). */
export function pendingJoinRequests(db: Db, groupId: string): Promise<JoinRequestRow[]> {
  return db
    .selectFrom('join_requests')
    .selectAll()
    .where('conversation_id', '=', groupId)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

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

/** Marks the group dissolved and empties it; its history stays for the record. */
export async function markDissolved(db: Db, groupId: string, at: string): Promise<void> {
  await db.deleteFrom('members').where('conversation_id', '=', groupId).execute();
  await db
    .updateTable('conversations')
    .set({ dissolved_at: at, updated_at: at, member_count: 0 })
    .where('id', '=', groupId)
    .execute();
  await cancelPending(db, groupId, at);
}
