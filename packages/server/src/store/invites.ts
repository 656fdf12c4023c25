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
