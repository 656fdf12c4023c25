import type { Actor } from '../../access/session.ts';
import { type Services, transact } from '../../services.ts';
import { announceAnswer, loadInvitationToAnswer, settleInvitation } from './answer-invitation.ts';

/** The invitee says no; only the inviter (and the invitee's devices) hear of it. */
export async function declineGroupInvitation(services: Services, actor: Actor, id: string): Promise<void> {
  await transact(services, async (tx, emit) => {
    const { invitation } = await loadInvitationToAnswer(tx, actor.user.id, id);
    await settleInvitation(tx, id, 'declined');
    announceAnswer(emit, invitation, false);
  });
}
