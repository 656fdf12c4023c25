import type { Friend } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { decideRequest } from '../../store/friends.ts';
import { connectFriends } from './connect-friends.ts';
import { requestForRecipient } from './request-for.ts';

/** The recipient accepts a pending request: they become friends (see connectFriends). */
export async function acceptFriendRequest(services: Services, actor: Actor, id: string): Promise<Friend> {
  return transact(
    services,
    async (tx, emit) => {
      const request = await requestForRecipient(tx, actor.user.id, id);
      if (!(await decideRequest(tx, id, ['pending'], 'accepted', now())))
        throw new AppError('already_handled', 'this request was answered or withdrawn already');
      return connectFriends(tx, emit, request, services.presence);
    },
    { retryOnConflict: true },
  );
}
