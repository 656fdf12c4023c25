import type { Envelope } from '../../bus/bus.ts';
import type { CancelledInvitation } from '../../store/group-decisions.ts';

/** Tells each invitee that an invitation of theirs is gone (the group was dissolved, or they got in). */
export function emitCancelled(
  emit: (envelope: Envelope) => void,
  groupId: string,
  cancelled: readonly CancelledInvitation[],
): void {
  for (const { id, invitee_id } of cancelled)
    emit({
      to: { users: [invitee_id] },
      event: { event: 'group.invitation.cancelled', data: { invitationId: id, groupId } },
    });
}
