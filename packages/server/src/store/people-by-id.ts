import type { Kysely } from 'kysely';
import type { Database, UserRow } from './tables.ts';

type Db = Kysely<Database>;

// People named by id, looked up in bulk: who they are (to check or
// present them), and which of them are friends or members already.

/** The users among `ids` who exist, by id (one query, however many). */
export async function usersByIds(db: Db, ids: string[]): Promise<Map<string, UserRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((u) => [u.id, u]));
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
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('members')
    .select('user_id')
    .where('conversation_id', '=', conversationId)
    .where('user_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/** Which of `ids` have blocked `userId`. */
export async function blockersAmong(db: Db, userId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('blocks')
    .select('user_id')
    .where('blocked_id', '=', userId)
    .where('user_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}
