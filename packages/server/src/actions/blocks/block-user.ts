import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { insertBlock } from '../../store/blocks.ts';
import { decideRequest, openRequestsFrom } from '../../store/friends.ts';
import { userById } from '../../store/users.ts';

/**
 * Blocks a user (again: nothing changes). The blocked person is never told. Open requests
 * between the two close: theirs to the caller is set aside as `ignored` (gone from the
 * caller's list, still "pending" in theirs, so the block does not show), the caller's to them
 * is withdrawn as if cancelled. A friendship stays; presence is hidden both ways while the
 * block lasts (store/relations.ts). Only the caller's devices hear `user.blocked`; clients
 * drop the requests to and from that user on it.
 */
export async function blockUser(services: Services, actor: Actor, userId: string): Promise<void> {
  const me = actor.user.id;
  if (userId === me) throw new AppError('invalid_request', 'you cannot block yourself', { field: 'userId' });
  await transact(services, async (tx, emit) => {
    if (!(await userById(tx, userId))) throw new AppError('not_found', 'no such user');
    const at = now();
    if (!(await insertBlock(tx, me, userId, at))) return;
    for (const theirs of await openRequestsFrom(tx, userId, me)) {
      await decideRequest(tx, theirs.id, ['pending'], 'ignored', at);
    }
    for (const mine of await openRequestsFrom(tx, me, userId)) {
      await decideRequest(tx, mine.id, ['pending', 'ignored'], 'cancelled', at);
      const told = mine.status === 'pending' ? [me, userId] : [me];
      emit({ to: { users: told }, event: { event: 'friend.cancelled', data: { requestId: mine.id } } });
    }
    emit({ to: { users: [me] }, event: { event: 'user.blocked', data: { userId } } });
  });
}
