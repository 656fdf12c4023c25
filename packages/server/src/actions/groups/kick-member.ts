import { accessGroup } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { type Services, transact } from '../../services.ts';
import { lockGroup } from '../../store/groups.ts';
import { memberIds, membership, removeMember } from '../../store/members.ts';
import { postNotice } from '../conversations/post-notice.ts';

/**
 * The owner removes anyone else; an admin removes plain members. The removed person reads the
 * notice and hears `member.removed` once, then nothing more from the group: every later event
 * is addressed to the members as they are then (HOUSE.md, habit 4). Nobody is removed from the
 * lobby, which belongs to the whole server.
 */
export async function kickMember(
  services: Services,
  actor: Actor,
  groupId: string,
  userId: string,
): Promise<void> {
  const me = actor.user.id;
  await transact(services, async (tx, emit) => {
    await lockGroup(tx, groupId);
    const { conversation: group, member: mine } = await accessGroup(tx, me, groupId, 'admin');
    if (group.kind === 'lobby') throw new AppError('forbidden', 'nobody is removed from the lobby');
    if (userId === me) throw new AppError('forbidden', 'you cannot remove yourself; leave the group instead');
    const target = await membership(tx, groupId, userId);
    if (!target) throw new AppError('not_found', 'no such member');
    if (target.role === 'owner' || (mine.role === 'admin' && target.role === 'admin'))
      throw new AppError('forbidden', 'an admin can remove plain members only');
    await removeMember(tx, groupId, userId);
    await postNotice(tx, emit, groupId, { type: 'member.removed', actorId: me, userIds: [userId] }, [userId]);
    emit({
      to: { users: [...(await memberIds(tx, groupId)), userId] },
      event: { event: 'member.removed', data: { conversationId: groupId, userId, reason: 'removed' } },
    });
  });
}
