import { type Kysely, sql } from 'kysely';
import type { Dialect } from './connect.ts';
import { containsText } from './like.ts';
import type { Database, NewUser, UserRow } from './tables.ts';

type Db = Kysely<Database>;

export async function insertUser(db: Db, user: NewUser): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

export function userById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** `username` must already be lower case (see normalizeUsername). */
export function userByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function anyUserExists(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Makes concurrent registrations on PostgreSQL take turns until their transaction ends, so
 * exactly one of them sees an empty server and becomes its admin. SQLite transactions are
 * already serial.
 */
export async function lockRegistrations(db: Db, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(7270539)`.execute(db);
}

/** Users whose username or display name contains `text`, by username, after `afterUsername`. */
export function searchUsers(db: Db, text: string, limit: number, afterUsername?: string): Promise<UserRow[]> {
  let query = db
    .selectFrom('users')
    .selectAll()
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([containsText('username', text), containsText('display_name', text)]));
  if (afterUsername !== undefined) query = query.where('username', '>', afterUsername);
  return query.orderBy('username').limit(limit).execute();
}

export async function updateUser(
  db: Db,
  id: string,
  changes: Partial<
    Pick<
      UserRow,
      'display_name' | 'bio' | 'avatar' | 'avatar_small' | 'password_hash' | 'last_seen_at' | 'updated_at'
    >
  >,
): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

/**
 * Takes the user's row write lock until the transaction ends (PostgreSQL; SQLite transactions
 * are serial already), with a no-op update as lockConversations does: actions that must not
 * interleave for one user (creating uploads against the quota) take turns.
 */
export async function lockUser(db: Db, id: string): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ id: eb.ref('id') }))
    .where('id', '=', id)
    .execute();
}
