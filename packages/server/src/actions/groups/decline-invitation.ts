import type { Actor } from '../../access/session.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { decide } from '../../store/group-decisions.ts';
import { announceAnswer, loadInvitationToAnswer } from './answer-invitation.ts';

/** The invitee says no; only the inviter (and the invitee's devices) hear of it. */
export async function declineGroupInvitation(services: Services, actor: Actor, id: string): Promise<void> {
  await transact(services, async (tx, emit) => {
    const { invitation } = await loadInvitationToAnswer(tx, actor.user.id, id);
    await decide(tx, 'group_invitations', id, 'declined', now());
    announceAnswer(emit, invitation, false);
  });
}
