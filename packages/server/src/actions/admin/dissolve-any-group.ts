import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { type Services, transact } from '../../services.ts';
import { recordAudit } from '../../store/audit-log.ts';
import { lockGroup } from '../../store/groups.ts';
import { dissolveLockedGroup } from '../groups/dissolve-group.ts';

/**
 * A server admin dissolves any group, member or not (issue 16): as when its owner does it,
 * every member reads the notice — which names the admin — and gets `member.removed`
 * ('dissolved'); open invitations and requests are cancelled. The lobby is not a group
 * anyone dissolves: it is turned off in the server settings.
 */
export async function dissolveAnyGroup(services: Services, actor: Actor, groupId: string): Promise<void> {
  await transact(services, async (tx, emit) => {
    // Live groups and the lobby only; a direct conversation or a dissolved group is not found.
    const group = await lockGroup(tx, groupId);
    if (!group) throw new AppError('not_found', 'no such group');
    if (group.kind === 'lobby')
      throw new AppError(
        'forbidden',
        'the lobby cannot be dissolved; turn it off in the server settings (lobby)',
      );
    const memberCount = Number(group.member_count);
    await dissolveLockedGroup(tx, emit, group, actor.user.id);
    await recordAudit(tx, {
      actorId: actor.user.id,
      action: 'group.dissolve',
      targetType: 'group',
      targetId: group.id,
      targetLabel: group.name,
      detail: { ownerId: group.owner_id, memberCount },
    });
  });
}
