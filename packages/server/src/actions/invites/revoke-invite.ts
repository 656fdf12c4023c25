import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { type Services, transact } from '../../services.ts';
import { recordAudit } from '../../store/audit-log.ts';
import { deleteUnusedInvite, inviteById } from '../../store/invites.ts';

/**
 * An admin takes back an invite code nobody has used: the row goes, so the code registers
 * nobody (a registration racing the revocation either used it first, and the revocation is
 * refused, or finds no code). A used code is history and stays: `already_handled`.
 */
export async function revokeInvite(services: Services, actor: Actor, id: string): Promise<void> {
  await transact(services, async (tx) => {
    const invite = await inviteById(tx, id);
    if (!invite) throw new AppError('not_found', 'no such invite');
    if (invite.used_at !== null || !(await deleteUnusedInvite(tx, id))) {
      throw new AppError('already_handled', 'that invite has been used; it cannot be revoked');
    }
    await recordAudit(tx, {
      actorId: actor.user.id,
      action: 'invite.revoke',
      targetType: 'invite',
      targetId: id,
      targetLabel: invite.created_at,
      detail: { expiresAt: invite.expires_at },
    });
  });
}
