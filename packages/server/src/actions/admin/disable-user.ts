import type { AdminUser } from '@parley/protocol';
import type { Caller } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { lockAdminChanges, setDisabledAt } from '../../store/admin-users.ts';
import { recordAudit } from '../../store/audit-log.ts';
import { endSessionsOf } from './end-sessions.ts';
import { ensureStillAdmin, presentTargetUser, targetUser } from './target-user.ts';

/**
 * Disables an account (issue 16): in one transaction `disabled_at` is set, every session of
 * the user ends (its sockets hear `session.revoked`, `account_disabled`, and close with 4003)
 * and the audit log says who did it. The user's messages, groups and friends stay; signing in
 * answers `account_disabled` until an admin enables the account again. An admin cannot disable
 * themselves, so the one doing it is always an admin left standing. Disabling a disabled
 * account changes nothing and is not logged.
 */
export async function disableUser(services: Services, actor: Caller, userId: string): Promise<AdminUser> {
  if (userId === actor.user.id) throw new AppError('forbidden', 'you cannot disable your own account');
  const row = await transact(services, async (tx, emit) => {
    await lockAdminChanges(tx, services.store.dialect);
    await ensureStillAdmin(tx, actor.user.id);
    const target = await targetUser(tx, userId);
    if (target.disabled_at !== null) return target;
    const at = now();
    await setDisabledAt(tx, target.id, at);
    await endSessionsOf(tx, emit, target.id, 'account_disabled');
    await recordAudit(tx, {
      actorId: actor.user.id,
      action: 'user.disable',
      targetType: 'user',
      targetId: target.id,
      targetLabel: target.username,
    });
    return { ...target, disabled_at: at };
  });
  return presentTargetUser(services.store.db, row);
}
