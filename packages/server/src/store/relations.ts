import type { Kysely } from 'kysely';
import { prepared } from './prepared.ts';
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
  return (await audience(db, userId)).map((r) => r.id);
}

/** One statement (it runs on every hello), built once (store/prepared.ts). */
const audience = prepared((db: Db, me: string) => {
  const friends = db.selectFrom('friendships').select('friend_id as id').where('user_id', '=', me);
  const shared = db
    .selectFrom('members as mine')
    .innerJoin('conversations', 'conversations.id', 'mine.conversation_id')
    .innerJoin('members as theirs', 'theirs.conversation_id', 'mine.conversation_id')
    .innerJoin('users', 'users.id', 'theirs.user_id')
    .select('theirs.user_id as id')
    .where('mine.user_id', '=', me)
    // Groups that show it and the lobby (migrations/20261206T0210); never direct ones.
    .where('conversations.kind', '!=', 'direct')
    .where('conversations.show_presence', '=', 1)
    .where('conversations.dissolved_at', 'is', null)
    .where('theirs.user_id', '!=', me)
    .where('users.presence_visible_to', '=', 'everyone')
    .where((eb) =>
      eb(
        eb.selectFrom('users as self').select('self.presence_visible_to').where('self.id', '=', me),
        '=',
        'everyone',
      ),
    );
  return db
    .selectFrom(friends.union(shared).as('seen'))
    .select('seen.id')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('blocks')
            .select('blocks.user_id')
            .where((b) =>
              b.or([
                b.and([b('blocks.user_id', '=', me), b('blocks.blocked_id', '=', b.ref('seen.id'))]),
                b.and([b('blocks.user_id', '=', b.ref('seen.id')), b('blocks.blocked_id', '=', me)]),
              ]),
            ),
        ),
      ),
    );
});
