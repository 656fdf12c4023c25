import type { Kysely } from 'kysely';
import { bumpPairAccessRev } from './members.ts';
import type { Database, UserRow } from './tables.ts';

type Db = Kysely<Database>;

/** Records that `by` blocked `whom`; false when they had already. */
export async function insertBlock(db: Db, by: string, whom: string, at: string): Promise<boolean> {
  const result = await db
    .insertInto('blocks')
    .values({ user_id: by, blocked_id: whom, created_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'blocked_id']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  if (result !== undefined) await bumpPairAccessRev(db, by, whom);
  return result !== undefined;
}

/** False when `by` had not blocked `whom`. */
export async function deleteBlock(db: Db, by: string, whom: string): Promise<boolean> {
  const result = await db
    .deleteFrom('blocks')
    .where('user_id', '=', by)
    .where('blocked_id', '=', whom)
    .executeTakeFirst();
  if (result.numDeletedRows > 0n) await bumpPairAccessRev(db, by, whom);
  return result.numDeletedRows > 0n;
}

/** The people `userId` has blocked, with when, newest first. */
export async function blocksOf(db: Db, userId: string): Promise<{ user: UserRow; since: string }[]> {
  const rows = await db
    .selectFrom('blocks')
    .innerJoin('users', 'users.id', 'blocks.blocked_id')
    .selectAll('users')
    .select('blocks.created_at as b_since')
    .where('blocks.user_id', '=', userId)
    .orderBy('blocks.created_at', 'desc')
    .execute();
  return rows.map(({ b_since, ...user }) => ({ user: user as UserRow, since: b_since }));
}

/** Everyone `userId` has blocked or is blocked by: people who do not see each other's presence. */
export async function blockedEitherWay(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('blocks')
    .select(['user_id', 'blocked_id'])
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('blocked_id', '=', userId)]))
    .execute();
  return new Set(rows.map((b) => (b.user_id === userId ? b.blocked_id : b.user_id)));
}
