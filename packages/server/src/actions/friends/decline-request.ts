import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { decideRequest } from '../../store/friends.ts';
import { requestForRecipient } from './request-for.ts';

/** The recipient says no. The sender hears `friend.declined`, and so do the recipient's devices. */
export async function declineFriendRequest(services: Services, actor: Actor, id: string): Promise<void> {
  await transact(services, async (tx, emit) => {
    const request = await requestForRecipient(tx, actor.user.id, id);
    if (!(await decideRequest(tx, id, ['pending'], 'declined', now())))
      throw new AppError('already_handled', 'this request was answered or withdrawn already');
    emit({
      to: { users: [request.from_id, request.to_id] },
      event: { event: 'friend.declined', data: { requestId: id } },
    });
  });
}
