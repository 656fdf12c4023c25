import type { Kysely } from 'kysely';
import type { Database } from './tables.ts';

type Db = Kysely<Database>;

export async function areFriends(db: Db, a: string, b: string): Promise<boolean> {
  const row = await db
    .selectFrom('friendships')
    .select('user_id')
    .where('user_id', '=', a)
    .where('friend_id', '=', b)
    .executeTakeFirst();
  return row !== undefined;
}

/** True when `by` has blocked `whom`. */
export async function hasBlocked(db: Db, by: string, whom: string): Promise<boolean> {
  const row = await db
    .selectFrom('blocks')
    .select('user_id')
    .where('user_id', '=', by)
    .where('blocked_id', '=', whom)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Who sees `userId`'s presence: their friends and the members of groups they share where the
 * group shows presence — minus anyone either side has blocked.
 */
export async function presenceAudience(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('friendships')
    .select('friend_id as id')
    .where('user_id', '=', userId)
    .union(
      db
        .selectFrom('members as mine')
        .innerJoin('conversations', 'conversations.id', 'mine.conversation_id')
        .innerJoin('members as theirs', 'theirs.conversation_id', 'mine.conversation_id')
        .select('theirs.user_id as id')
        .where('mine.user_id', '=', userId)
        .where('conversations.kind', '=', 'group')
        .where('conversations.show_presence', '=', 1)
        .where('conversations.dissolved_at', 'is', null)
        .where('theirs.user_id', '!=', userId),
    )
    .execute();
  const blocked = await db
    .selectFrom('blocks')
    .select(['user_id', 'blocked_id'])
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('blocked_id', '=', userId)]))
    .execute();
  const hidden = new Set(blocked.map((b) => (b.user_id === userId ? b.blocked_id : b.user_id)));
  return rows.map((r) => r.id).filter((id) => !hidden.has(id));
}
