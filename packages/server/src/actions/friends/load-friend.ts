import type { Friend } from '@parley/protocol';
import type { Kysely } from 'kysely';
import { presentFriend } from '../../presenters/friends.ts';
import { directConversation } from '../../store/conversations.ts';
import { friendshipOf } from '../../store/friends.ts';
import { hasBlocked } from '../../store/relations.ts';
import type { Database } from '../../store/tables.ts';
import { userById } from '../../store/users.ts';

/**
 * `friendId` as `viewerId` sees them (their remark, their conversation, the friend's presence
 * unless either has blocked the other), or undefined when they are not friends. `online` holds
 * the users online now, at least `friendId` if they are (`services.presence.onlineAmong`).
 */
export async function loadFriend(
  db: Kysely<Database>,
  viewerId: string,
  friendId: string,
  online: ReadonlySet<string>,
): Promise<Friend | undefined> {
  const friendship = await friendshipOf(db, viewerId, friendId);
  if (!friendship) return undefined;
  const user = (await userById(db, friendId))!;
  // Accepting a request makes the conversation in the same transaction, and direct
  // conversations are never deleted, so a friendship always has one.
  const conversation = (await directConversation(db, viewerId, friendId))!;
  const hidden = (await hasBlocked(db, viewerId, friendId)) || (await hasBlocked(db, friendId, viewerId));
  return presentFriend(friendship, user, conversation.id, { online: online.has(friendId), hidden });
}
