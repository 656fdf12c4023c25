import type { AdminUser } from '@parley/protocol';
import type { Caller } from '../../access/session.ts';
import { type Services, transact } from '../../services.ts';
import { setDisabledAt } from '../../store/admin-users.ts';
import { recordAudit } from '../../store/audit-log.ts';
import { presentTargetUser, targetUser } from './target-user.ts';

/**
 * Enables a disabled account: the user can sign in again (their old sessions stay ended).
 * Enabling an enabled account changes nothing and is not logged.
 */
export async function enableUser(services: Services, actor: Caller, userId: string): Promise<AdminUser> {
  const row = await transact(services, async (tx) => {
    const target = await targetUser(tx, userId);
    if (target.disabled_at === null) return target;
    await setDisabledAt(tx, target.id, null);
    await recordAudit(tx, {
      actorId: actor.user.id,
      action: 'user.enable',
      targetType: 'user',
      targetId: target.id,
      targetLabel: target.username,
    });
    return { ...target, disabled_at: null };
  });
  return presentTargetUser(services.store.db, row);
}
