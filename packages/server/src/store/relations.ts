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
 * Who sees `userId`'s presence: their friends, and — when they and the other person both let
 * `everyone` see them (users.presence_visible_to) — the members of the lobby and of the live
 * groups they share that show presence; minus anyone either side has blocked. Every condition
 * is symmetric, so this is also whom `userId` may see.
 */
export async function presenceAudience(db: Db, userId: string): Promise<string[]> {
  const me = await db
    .selectFrom('users')
    .select('presence_visible_to')
    .where('id', '=', userId)
    .executeTakeFirst();
  const friends = db.selectFrom('friendships').select('friend_id as id').where('user_id', '=', userId);
  const rows =
    me?.presence_visible_to === 'everyone'
      ? await friends
          .union(
            db
              .selectFrom('members as mine')
              .innerJoin('conversations', 'conversations.id', 'mine.conversation_id')
              .innerJoin('members as theirs', 'theirs.conversation_id', 'mine.conversation_id')
              .innerJoin('users', 'users.id', 'theirs.user_id')
              .select('theirs.user_id as id')
              .where('mine.user_id', '=', userId)
              // Groups that show it and the lobby (migrations/20261206T0210); never direct ones.
              .where('conversations.kind', '!=', 'direct')
              .where('conversations.show_presence', '=', 1)
              .where('conversations.dissolved_at', 'is', null)
              .where('theirs.user_id', '!=', userId)
              .where('users.presence_visible_to', '=', 'everyone'),
          )
          .execute()
      : await friends.execute();
  const blocked = await db
    .selectFrom('blocks')
    .select(['user_id', 'blocked_id'])
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('blocked_id', '=', userId)]))
    .execute();
  const hidden = new Set(blocked.map((b) => (b.user_id === userId ? b.blocked_id : b.user_id)));
  return rows.map((r) => r.id).filter((id) => !hidden.has(id));
}
