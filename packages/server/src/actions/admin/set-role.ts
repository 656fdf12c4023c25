import type { AdminUser, SetRoleBody } from '@parley/protocol';
import type { Caller } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { presentUser } from '../../presenters/users.ts';
import { type Services, transact } from '../../services.ts';
import { activeAdminCount, lockAdminChanges, setRole as storeRole } from '../../store/admin-users.ts';
import { recordAudit } from '../../store/audit-log.ts';
import { ensureStillAdmin, presentTargetUser, targetUser } from './target-user.ts';

/**
 * Makes a user an admin or a member again (issue 16). The server always keeps one admin who
 * can act (not disabled): taking the role from the last one is refused `limit_reached`, since
 * nobody could give it back without editing the database. The role is public, so everyone
 * hears `user.updated`. Setting the role a user already has changes nothing and is not logged.
 */
export async function setRole(
  services: Services,
  actor: Caller,
  userId: string,
  role: SetRoleBody['role'],
): Promise<AdminUser> {
  const row = await transact(services, async (tx, emit) => {
    await lockAdminChanges(tx, services.store.dialect);
    await ensureStillAdmin(tx, actor.user.id);
    const target = await targetUser(tx, userId);
    if (target.role === role) return target;
    if (target.role === 'admin' && target.disabled_at === null && (await activeAdminCount(tx)) <= 1) {
      throw new AppError(
        'limit_reached',
        'the server must keep at least one admin: make someone else an admin first',
      );
    }
    const updated = { ...target, role, updated_at: now() };
    await storeRole(tx, target.id, role, updated.updated_at);
    await recordAudit(tx, {
      actorId: actor.user.id,
      action: 'user.set_role',
      targetType: 'user',
      targetId: target.id,
      targetLabel: target.username,
      detail: { role },
    });
    emit({ to: { everyone: true }, event: { event: 'user.updated', data: presentUser(updated) } });
    return updated;
  });
  return presentTargetUser(services.store.db, row);
}
