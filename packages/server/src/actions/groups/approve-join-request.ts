import type { JoinRequest } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { type Services, transact } from '../../services.ts';
import { admitMembers, ensureRoom } from './admit-members.ts';
import { announceDecision, decideJoinRequest, loadJoinRequestToDecide } from './decide-join-request.ts';

/**
 * An owner or admin lets the applicant in ("Carol joined, approved by Alice"). The group may
 * have filled up since the request, so the room is checked again now. The applicant hears the
 * decision after the conversation itself, so it is already theirs when they read it.
 */
export async function approveJoinRequest(services: Services, actor: Actor, id: string): Promise<JoinRequest> {
  const me = actor.user.id;
  return transact(services, async (tx, emit) => {
    const { request, group } = await loadJoinRequestToDecide(tx, me, id);
    ensureRoom(services, group, 1);
    const decided = await decideJoinRequest(tx, request, 'accepted', me);
    const joined = await admitMembers(tx, emit, group, [request.user_id], {
      type: 'member.joined',
      actorId: request.user_id,
      userIds: [request.user_id],
      detail: { approvedBy: me },
    });
    return announceDecision(tx, emit, decided, joined);
  });
}
