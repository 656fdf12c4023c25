import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { now } from '../../ids.ts';
import { presentMember } from '../../presenters/conversations.ts';
import { successorIn } from '../../store/account-removal.ts';
import { updateConversation } from '../../store/conversations.ts';
import { lockGroup } from '../../store/groups.ts';
import { memberIds, membership, removeMember, updateMember } from '../../store/members.ts';
import { usersByIds } from '../../store/people-by-id.ts';
import type { Database } from '../../store/tables.ts';
import { postNotice } from '../conversations/post-notice.ts';
import { announceGroup } from './announce-group.ts';
import { dissolveLockedGroup } from './dissolve-group.ts';

/**
 * A deleted account leaves a group (or the lobby) inside the deletion's transaction. Like
 * leaveGroup, except that an owner cannot be asked to transfer first: the group passes to its
 * longest-standing admin, else its longest-standing member (the `owner.changed` notice and
 * `member.updated`, as transferGroup sends them), and a group it was alone in is dissolved.
 */
export async function leaveOnDeletion(
  tx: Kysely<Database>,
  emit: (envelope: Envelope) => void,
  groupId: string,
  me: string,
): Promise<void> {
  const group = await lockGroup(tx, groupId);
  const mine = await membership(tx, groupId, me);
  if (!group || !mine) return;
  const heir = mine.role === 'owner' ? await successorIn(tx, groupId, me) : undefined;
  // The lobby outlives its last member: it is the server's, not a group anyone made.
  if (mine.role === 'owner' && !heir && group.kind !== 'lobby')
    return dissolveLockedGroup(tx, emit, group, me);
  if (heir) {
    const target = (await membership(tx, groupId, heir))!;
    await updateMember(tx, groupId, heir, { role: 'owner', muted_until: null });
    await updateConversation(tx, groupId, { owner_id: heir, updated_at: now() });
    await postNotice(tx, emit, groupId, { type: 'owner.changed', actorId: me, userIds: [heir] });
    const users = await usersByIds(tx, [heir]);
    emit({
      to: { users: await memberIds(tx, groupId) },
      event: {
        event: 'member.updated',
        data: {
          conversationId: groupId,
          member: presentMember({ ...target, role: 'owner', muted_until: null }, users.get(heir)!),
        },
      },
    });
  }
  await removeMember(tx, groupId, me);
  await postNotice(tx, emit, groupId, { type: 'member.left', actorId: me, userIds: [me] }, [me]);
  const members = await memberIds(tx, groupId);
  emit({
    to: { users: [...members, me] },
    event: { event: 'member.removed', data: { conversationId: groupId, userId: me, reason: 'left' } },
  });
  if (heir) await announceGroup(tx, emit, groupId, members);
}
