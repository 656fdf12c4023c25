import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { decideRequest } from '../../store/friends.ts';
import { requestForSender } from './request-for.ts';

/**
 * The sender withdraws their request. The recipient hears `friend.cancelled` (unless the
 * request was `ignored`: they never knew of it), and so do the sender's devices.
 */
export async function cancelFriendRequest(services: Services, actor: Actor, id: string): Promise<void> {
  await transact(services, async (tx, emit) => {
    const request = await requestForSender(tx, actor.user.id, id);
    if (!(await decideRequest(tx, id, ['pending', 'ignored'], 'cancelled', now())))
      throw new AppError('already_handled', 'this request was answered or withdrawn already');
    const told = request.status === 'ignored' ? [request.from_id] : [request.from_id, request.to_id];
    emit({ to: { users: told }, event: { event: 'friend.cancelled', data: { requestId: id } } });
  });
}
