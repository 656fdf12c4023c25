import type { AdminUser } from '@parley/protocol';
import type { Kysely } from 'kysely';
import { AppError } from '../../errors.ts';
import { presentAdminUser } from '../../presenters/admin-users.ts';
import { liveUserById, usageOf } from '../../store/admin-users.ts';
import type { Database, UserRow } from '../../store/tables.ts';

type Db = Kysely<Database>;

/** The account an admin acts on; a deleted one (or an id never used) is `not_found`. */
export async function targetUser(db: Db, userId: string): Promise<UserRow> {
  const row = await liveUserById(db, userId);
  if (!row) throw new AppError('not_found', 'no such user');
  return row;
}

/** The account as the console shows it, with its sessions and storage counted now. */
export async function presentTargetUser(db: Db, row: UserRow): Promise<AdminUser> {
  const usage = await usageOf(db, [row.id]);
  return presentAdminUser(row, usage.get(row.id)!);
}

/**
 * Inside a change that could leave the server without an admin (after lockAdminChanges): the
 * caller must still be an admin who can act. The route checked the role when the request came
 * in, but another admin may have disabled or demoted them since; two admins disabling each
 * other at once would otherwise both succeed and leave nobody to enable either.
 */
export async function ensureStillAdmin(db: Db, actorId: string): Promise<void> {
  const actor = await liveUserById(db, actorId);
  if (!actor || actor.role !== 'admin' || actor.disabled_at !== null) {
    throw new AppError('forbidden', 'only an admin can do this');
  }
}
