import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { type Services, transact } from '../../services.ts';
import { deleteFriendship } from '../../store/friends.ts';

/**
 * Ends a friendship, for both sides (it is mutual), and tells both. Their direct conversation
 * and its history stay: becoming friends again finds it as it was.
 */
export async function removeFriend(services: Services, actor: Actor, friendId: string): Promise<void> {
  const me = actor.user.id;
  await transact(services, async (tx, emit) => {
    if (!(await deleteFriendship(tx, me, friendId))) throw new AppError('not_found', 'no such friend');
    emit({ to: { users: [me] }, event: { event: 'friend.removed', data: { userId: friendId } } });
    emit({ to: { users: [friendId] }, event: { event: 'friend.removed', data: { userId: me } } });
  });
}
