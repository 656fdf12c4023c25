import type { Conversation } from '@parley/protocol';
import { accessGroup } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { presentMember } from '../../presenters/conversations.ts';
import { type Services, transact } from '../../services.ts';
import { showConversation } from '../conversations/show-conversation.ts';
import { updateConversation } from '../../store/conversations.ts';
import { lockGroup } from '../../store/groups.ts';
import { memberIds, membership, updateMember } from '../../store/members.ts';
import { usersByIds } from '../../store/people-by-id.ts';
import { postNotice } from '../conversations/post-notice.ts';
import { announceGroup } from './announce-group.ts';

/**
 * The owner hands the group to another member, who becomes 'owner' (and is unmuted: nobody
 * mutes the owner); the old owner stays on as an admin. Members hear `member.updated` for
 * both and `conversation.updated` for the new `ownerId`.
 */
export async function transferGroup(
  services: Services,
  actor: Actor,
  groupId: string,
  userId: string,
): Promise<Conversation> {
  const me = actor.user.id;
  await transact(services, async (tx, emit) => {
    await lockGroup(tx, groupId);
    const { member: mine } = await accessGroup(tx, me, groupId, 'owner');
    if (userId === me)
      throw new AppError('invalid_request', 'you own the group already', { field: 'userId' });
    const target = await membership(tx, groupId, userId);
    if (!target) throw new AppError('not_found', 'no such member', { field: 'userId' });
    await updateMember(tx, groupId, userId, { role: 'owner', muted_until: null });
    await updateMember(tx, groupId, me, { role: 'admin' });
    await updateConversation(tx, groupId, { owner_id: userId, updated_at: now() });
    await postNotice(tx, emit, groupId, { type: 'owner.changed', actorId: me, userIds: [userId] });
    const members = await memberIds(tx, groupId);
    const users = await usersByIds(tx, [me, userId]);
    for (const member of [
      { ...target, role: 'owner' as const, muted_until: null },
      { ...mine, role: 'admin' as const },
    ]) {
      emit({
        to: { users: members },
        event: {
          event: 'member.updated',
          data: { conversationId: groupId, member: presentMember(member, users.get(member.user_id)!) },
        },
      });
    }
    await announceGroup(tx, emit, groupId, members);
  });
  // As the caller's list shows it, with unread counts and the latest message.
  return showConversation(services, actor, groupId);
}
