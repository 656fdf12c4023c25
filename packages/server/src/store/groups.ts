import { type Kysely, sql } from 'kysely';
import { type CancelledInvitation, cancelPending } from './group-decisions.ts';
import { containsText } from './like.ts';
import type { ConversationRow, Database } from './tables.ts';

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
  if (text) query = query.where(containsText('name', text));
  if (after)
    query = query.where((eb) =>
      eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]),
    );
  return query.orderBy('name').orderBy('id').limit(limit).execute();
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

/**
 * Marks the group dissolved and empties it; its history stays for the record. Returns the
 * open invitations it cancelled.
 */
export async function markDissolved(db: Db, groupId: string, at: string): Promise<CancelledInvitation[]> {
  await db.deleteFrom('members').where('conversation_id', '=', groupId).execute();
  await db
    .updateTable('conversations')
    .set({ dissolved_at: at, updated_at: at, member_count: 0, access_rev: sql`access_rev + 1` })
    .where('id', '=', groupId)
    .execute();
  return cancelPending(db, groupId, at);
}
