import type { Kysely } from 'kysely';
import type { Envelope } from '../../bus/bus.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { decide } from '../../store/group-decisions.ts';
import { invitationById } from '../../store/group-invitations.ts';
import { lockGroup } from '../../store/groups.ts';
import type { ConversationRow, Database, GroupInvitationRow } from '../../store/tables.ts';

/**
 * Loads an invitation for its invitee to answer, with its group locked. Someone else's
 * invitation, or one to a group since dissolved, is "not found"; one already answered (or
 * cancelled because the invitee got in another way) is `already_handled`.
 */
export async function loadInvitationToAnswer(
  tx: Kysely<Database>,
  me: string,
  id: string,
): Promise<{ invitation: GroupInvitationRow; group: ConversationRow }> {
  const found = await invitationById(tx, id);
  if (!found || found.invitee_id !== me) throw new AppError('not_found', 'no such invitation');
  const group = await lockGroup(tx, found.conversation_id);
  if (!group) throw new AppError('not_found', 'the group no longer exists');
  // Read again under the group's lock: an answer from another device may have committed
  // between the first read and the lock, and its status is the one that counts.
  const invitation = (await invitationById(tx, id))!;
  if (invitation.status !== 'pending')
    throw new AppError('already_handled', `the invitation was ${invitation.status} already`);
  return { invitation, group };
}

/** Settles the invitation; the lock taken by loadInvitationToAnswer makes a lost race impossible, but say so if it happens. */
export async function settleInvitation(
  tx: Kysely<Database>,
  id: string,
  status: 'accepted' | 'declined',
): Promise<void> {
  if (!(await decide(tx, 'group_invitations', id, status, now()))) {
    throw new AppError('already_handled', 'the invitation was answered already');
  }
}

/** The inviter hears the answer; so do the invitee's other devices, to drop it from their list. */
export function announceAnswer(
  emit: (envelope: Envelope) => void,
  invitation: GroupInvitationRow,
  accepted: boolean,
): void {
  emit({
    to: { users: [...new Set([invitation.inviter_id, invitation.invitee_id])] },
    event: {
      event: 'group.invitation.answered',
      data: { invitationId: invitation.id, groupId: invitation.conversation_id, accepted },
    },
  });
}
