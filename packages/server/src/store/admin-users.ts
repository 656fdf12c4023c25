import { type Kysely, sql } from 'kysely';
import type { Dialect } from './connect.ts';
import { containsText } from './like.ts';
import type { Database, UserRow } from './tables.ts';

type Db = Kysely<Database>;

/** What the admin console shows of an account's use besides its row. */
export interface UserUsage {
  /** Live device sessions. */
  sessions: number;
  /** The latest `last_seen_at` of those sessions; null without any. */
  sessionSeenAt: string | null;
  /** Bytes of the user's uploads, as the quota counts them (store/uploads.ts bytesUsedBy). */
  storageBytes: number;
}

export interface AdminUserFilter {
  /** Part of a username or display name (any case); undefined or empty: everyone. */
  q?: string | undefined;
  filter: 'all' | 'disabled' | 'admins';
  /** Keyset: the last username of the previous page. */
  afterUsername?: string | undefined;
  limit: number;
}

/** Accounts not deleted, by username, matching the console's search and filter. */
export function adminUserPage(
  db: Db,
  { q, filter, afterUsername, limit }: AdminUserFilter,
): Promise<UserRow[]> {
  let query = db.selectFrom('users').selectAll().where('deleted_at', 'is', null);
  if (q) query = query.where((eb) => eb.or([containsText('username', q), containsText('display_name', q)]));
  if (filter === 'disabled') query = query.where('disabled_at', 'is not', null);
  if (filter === 'admins') query = query.where('role', '=', 'admin');
  if (afterUsername !== undefined) query = query.where('username', '>', afterUsername);
  return query.orderBy('username').limit(limit).execute();
}

/** The account unless it is deleted (a deleted one is nobody an admin can act on). */
export function liveUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Sessions and storage of each user, in two grouped queries for a whole page. */
export async function usageOf(db: Db, userIds: string[]): Promise<Map<string, UserUsage>> {
  const usage = new Map<string, UserUsage>(
    userIds.map((id) => [id, { sessions: 0, sessionSeenAt: null, storageBytes: 0 }]),
  );
  if (userIds.length === 0) return usage;
  const sessions = await db
    .selectFrom('sessions')
    .select([
      'user_id',
      sql<string | number>`count(*)`.as('count'),
      sql<string | null>`max(last_seen_at)`.as('seen'),
    ])
    .where('user_id', 'in', userIds)
    .groupBy('user_id')
    .execute();
  for (const row of sessions) {
    const entry = usage.get(row.user_id)!;
    entry.sessions = Number(row.count);
    entry.sessionSeenAt = row.seen;
  }
  const uploads = await db
    .selectFrom('uploads')
    .select(['owner_id', sql<string | number>`coalesce(sum(size), 0)`.as('bytes')])
    .where('owner_id', 'in', userIds)
    .groupBy('owner_id')
    .execute();
  for (const row of uploads) usage.get(row.owner_id)!.storageBytes = Number(row.bytes);
  return usage;
}

export async function setDisabledAt(db: Db, id: string, at: string | null): Promise<void> {
  await db.updateTable('users').set({ disabled_at: at }).where('id', '=', id).execute();
}

/** A new password the user did not choose: set, and marked to be replaced (`password_reset_at`). */
export async function setResetPassword(db: Db, id: string, passwordHash: string, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_reset_at: at })
    .where('id', '=', id)
    .execute();
}

/** The user chose a password of their own: the gate of a reset lifts. */
export async function clearPasswordReset(db: Db, id: string): Promise<void> {
  await db.updateTable('users').set({ password_reset_at: null }).where('id', '=', id).execute();
}

export async function setRole(db: Db, id: string, role: UserRow['role'], at: string): Promise<void> {
  await db.updateTable('users').set({ role, updated_at: at }).where('id', '=', id).execute();
}

/** Admins who can act: not deleted, not disabled. */
export async function activeAdminCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select(sql<string | number>`count(*)`.as('count'))
    .where('role', '=', 'admin')
    .where('deleted_at', 'is', null)
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Makes the changes that can leave the server without an admin (a role taken away, an admin
 * disabled) take turns until their transaction ends on PostgreSQL, so two admins demoting or
 * disabling each other at once cannot both pass the "one admin stays" check. SQLite
 * transactions are serial already.
 */
export async function lockAdminChanges(db: Db, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(7270540)`.execute(db);
}
