import type { JoinRequest } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { type Services, transact } from '../../services.ts';
import { announceDecision, decideJoinRequest, loadJoinRequestToDecide } from './decide-join-request.ts';

/** An owner or admin turns the applicant away; nothing is written into the group's history. */
export async function rejectJoinRequest(services: Services, actor: Actor, id: string): Promise<JoinRequest> {
  const me = actor.user.id;
  return transact(services, async (tx, emit) => {
    const { request, group } = await loadJoinRequestToDecide(tx, me, id);
    return announceDecision(tx, emit, await decideJoinRequest(tx, request, 'declined', me), group);
  });
}
