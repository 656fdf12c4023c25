import type { InviteToGroupBody, InviteToGroupResult } from '@parley/protocol';
import { accessGroup } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { newId, now } from '../../ids.ts';
import { presentInvitation } from '../../presenters/groups.ts';
import { type Services, transact } from '../../services.ts';
import { insertInvitation, pendingInviteesAmong } from '../../store/group-invitations.ts';
import { lockGroup } from '../../store/groups.ts';
import { membersAmong } from '../../store/people-by-id.ts';
import type { GroupInvitationRow } from '../../store/tables.ts';
import { admitMembers, ensureRoom } from './admit-members.ts';
import { checkFriends } from './check-friends.ts';

/**
 * Any member may invite their friends. In invite mode 'direct' they join at once ("Alice
 * added Bob"); in 'accept' each gets a pending invitation (`group.invited`, to them alone) to
 * accept or decline. The whole batch is refused if any one of them cannot be invited, so the
 * caller never has to work out which half went through.
 */
export async function inviteToGroup(
  services: Services,
  actor: Actor,
  groupId: string,
  body: InviteToGroupBody,
): Promise<InviteToGroupResult> {
  const me = actor.user.id;
  const ids = [...new Set(body.userIds)];
  return transact(services, async (tx, emit) => {
    await lockGroup(tx, groupId);
    const { conversation: group } = await accessGroup(tx, me, groupId, 'member');
    if (group.kind === 'lobby')
      throw new AppError('forbidden', 'everyone may join the lobby; no invitation needed');
    await checkFriends(tx, me, ids, 'userIds');
    if ((await membersAmong(tx, groupId, ids)).size > 0)
      throw new AppError('already_member', 'already in the group', { field: 'userIds' });
    if ((await pendingInviteesAmong(tx, groupId, ids)).size > 0)
      throw new AppError('already_requested', 'already invited to the group', { field: 'userIds' });
    ensureRoom(services, group, ids.length);
    if (group.invite_mode === 'direct') {
      await admitMembers(tx, emit, group, ids, { type: 'member.added', actorId: me, userIds: ids });
      return { invitations: [], added: ids };
    }
    const invitations = [];
    for (const inviteeId of ids) {
      const row: GroupInvitationRow = {
        id: newId(),
        conversation_id: groupId,
        inviter_id: me,
        invitee_id: inviteeId,
        status: 'pending',
        created_at: now(),
        decided_at: null,
      };
      await insertInvitation(tx, row);
      const invitation = presentInvitation(row, group, actor.user);
      emit({ to: { users: [inviteeId] }, event: { event: 'group.invited', data: { invitation } } });
      invitations.push(invitation);
    }
    return { invitations, added: [] };
  });
}
