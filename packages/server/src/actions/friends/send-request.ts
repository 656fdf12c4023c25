import { limits, type SendFriendRequestBody, type SendFriendRequestResult } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { newId, now } from '../../ids.ts';
import { presentFriendRequest } from '../../presenters/friends.ts';
import { type Services, transact } from '../../services.ts';
import { isUniqueViolation } from '../../store/errors.ts';
import {
  countOutgoingOpen,
  decideRequest,
  type FriendRequestRecord,
  insertFriendRequest,
  openRequestsFrom,
} from '../../store/friends.ts';
import { areFriends, hasBlocked } from '../../store/relations.ts';
import { userById } from '../../store/users.ts';
import { connectFriends } from './connect-friends.ts';

/**
 * Asks a user to be friends. If they had already asked the caller, their request is accepted
 * instead (both wanted it). To someone who has blocked the caller, the request is stored as
 * `ignored` and answered exactly like a pending one, so the block stays secret: the sender
 * sees it pending for ever, the recipient never hears of it.
 */
export async function sendFriendRequest(
  services: Services,
  actor: Actor,
  body: SendFriendRequestBody,
): Promise<SendFriendRequestResult> {
  const me = actor.user.id;
  if (body.userId === me)
    throw new AppError('invalid_request', 'you cannot befriend yourself', { field: 'userId' });
  return transact(
    services,
    async (tx, emit) => {
      const target = await userById(tx, body.userId);
      // A deleted account (actions/accounts/delete-account.ts) has nobody to answer.
      if (!target || target.deleted_at !== null) throw new AppError('not_found', 'no such user');
      // Befriending someone you hide from would be a friendship with one side muted; unblock first.
      if (await hasBlocked(tx, me, target.id))
        throw new AppError('forbidden', 'you have blocked this user; unblock them first');
      if (await areFriends(tx, me, target.id))
        throw new AppError('already_friends', 'you are friends already');
      if ((await openRequestsFrom(tx, me, target.id)).length > 0)
        throw new AppError('already_requested', 'you have asked this user already');

      const at = now();
      const theirs = (await openRequestsFrom(tx, target.id, me))[0];
      if (theirs && (await decideRequest(tx, theirs.id, ['pending', 'ignored'], 'accepted', at))) {
        const friend = await connectFriends(tx, emit, theirs, services.presence);
        const accepted = { ...theirs, status: 'accepted' as const, decided_at: at };
        return { status: 'accepted', request: presentFriendRequest(accepted, target, actor.user), friend };
      }

      if ((await countOutgoingOpen(tx, me)) >= limits.pendingFriendRequestsMax)
        throw new AppError('limit_reached', `at most ${limits.pendingFriendRequestsMax} requests may wait`);
      const ignored = await hasBlocked(tx, target.id, me);
      const row: FriendRequestRecord = {
        id: newId(),
        from_id: me,
        to_id: target.id,
        note: body.note ?? '',
        status: ignored ? 'ignored' : 'pending',
        created_at: at,
        decided_at: null,
      };
      try {
        await insertFriendRequest(tx, row);
      } catch (err) {
        // The same request sent twice at once: the one-pending index lets only one through.
        if (isUniqueViolation(err))
          throw new AppError('already_requested', 'you have asked this user already');
        throw err;
      }
      const request = presentFriendRequest(row, actor.user, target);
      emit({
        to: { users: ignored ? [me] : [me, target.id] },
        event: { event: 'friend.requested', data: request },
      });
      return { status: 'pending', request };
    },
    { retryOnConflict: true },
  );
}
