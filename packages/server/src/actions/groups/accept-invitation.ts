import type { Conversation } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { presentConversation } from '../../presenters/conversations.ts';
import { type Services, transact } from '../../services.ts';
import { admitMembers, ensureRoom } from './admit-members.ts';
import { announceAnswer, loadInvitationToAnswer, settleInvitation } from './answer-invitation.ts';

/**
 * The invitee accepts and joins ("Bob joined, invited by Alice"). The group may have filled
 * up since the invitation was sent, so the room is checked again now.
 */
export async function acceptGroupInvitation(
  services: Services,
  actor: Actor,
  id: string,
): Promise<Conversation> {
  const me = actor.user.id;
  return transact(services, async (tx, emit) => {
    const { invitation, group } = await loadInvitationToAnswer(tx, me, id);
    ensureRoom(services, group, 1);
    await settleInvitation(tx, id, 'accepted');
    const joined = await admitMembers(tx, emit, group, [me], {
      type: 'member.joined',
      actorId: me,
      userIds: [me],
      detail: { invitedBy: invitation.inviter_id },
    });
    announceAnswer(emit, invitation, true);
    return presentConversation(joined, { role: 'member', muted_until: null });
  });
}
