import { accessGroup } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { type Services, transact } from '../../services.ts';
import { lockGroup } from '../../store/groups.ts';
import { memberIds, removeMember } from '../../store/members.ts';
import { postNotice } from '../conversations/post-notice.ts';
import { dissolveLockedGroup } from './dissolve-group.ts';

/**
 * The caller leaves. A group always has an owner, so the owner hands it on first
 * (POST /groups/:id/transfer) — unless they are its last member, when leaving dissolves it.
 * Leaving the lobby is allowed. The leaver's other devices hear it too.
 */
export async function leaveGroup(services: Services, actor: Actor, groupId: string): Promise<void> {
  const me = actor.user.id;
  await transact(services, async (tx, emit) => {
    await lockGroup(tx, groupId);
    const { conversation: group, member } = await accessGroup(tx, me, groupId, 'member');
    if (member.role === 'owner') {
      if (group.member_count > 1)
        throw new AppError(
          'forbidden',
          'the owner cannot leave: transfer ownership to another member first, or dissolve the group',
        );
      return dissolveLockedGroup(tx, emit, group, me);
    }
    await removeMember(tx, groupId, me);
    await postNotice(tx, emit, groupId, { type: 'member.left', actorId: me, userIds: [me] }, [me]);
    emit({
      to: { users: [...(await memberIds(tx, groupId)), me] },
      event: { event: 'member.removed', data: { conversationId: groupId, userId: me, reason: 'left' } },
    });
  });
}
