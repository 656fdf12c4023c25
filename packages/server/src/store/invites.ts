import type { Kysely } from 'kysely';
import type { Database, InviteRow } from './tables.ts';

type Db = Kysely<Database>;

export async function insertInvite(db: Db, invite: InviteRow): Promise<void> {
  await db.insertInto('invites').values(invite).execute();
}

/**
 * Marks an unused, unexpired invite as used by `userId`. The conditional update is the
 * check: of two registrations racing for one code, exactly one gets `true`.
 */
export async function consumeInvite(db: Db, codeHash: string, userId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('invites')
    .set({ used_by: userId, used_at: now })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Invites that can still be used (unused, unexpired), newest first. */
export async function liveInvites(db: Db, now: string, limit: number): Promise<InviteRow[]> {
  return db
    .selectFrom('invites')
    .selectAll()
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Invites used or expired, newest first. */
export async function spentInvites(db: Db, now: string, limit: number): Promise<InviteRow[]> {
  return db
    .selectFrom('invites')
    .selectAll()
    .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', now)]))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function inviteById(db: Db, id: string): Promise<InviteRow | undefined> {
  return db.selectFrom('invites').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Deletes an invite nobody has used. Like consumeInvite, the condition is the check: of a
 * revocation and a registration racing for one code, exactly one wins.
 */
export async function deleteUnusedInvite(db: Db, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('invites')
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
