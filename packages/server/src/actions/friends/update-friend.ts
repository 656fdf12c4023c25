import type { Friend, UpdateFriendBody } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { type Services, transact } from '../../services.ts';
import { friendshipOf, setRemark } from '../../store/friends.ts';
import { loadFriend } from './load-friend.ts';

/**
 * Sets or clears the caller's private remark for a friend (trimmed; blank clears it). Only the
 * caller's own view changes, so only the caller's devices hear `friend.updated`.
 */
export async function updateFriend(
  services: Services,
  actor: Actor,
  friendId: string,
  body: UpdateFriendBody,
): Promise<Friend> {
  const me = actor.user.id;
  const online = await services.presence.onlineAmong([friendId]);
  return transact(services, async (tx, emit) => {
    if (!(await friendshipOf(tx, me, friendId))) throw new AppError('not_found', 'no such friend');
    const remark = body.remark?.trim() || null;
    await setRemark(tx, me, friendId, remark);
    const friend = (await loadFriend(tx, me, friendId, online))!;
    emit({ to: { users: [me] }, event: { event: 'friend.updated', data: friend } });
    return friend;
  });
}
