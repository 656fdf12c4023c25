import type { FriendList } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { presentFriend } from '../../presenters/friends.ts';
import type { Services } from '../../services.ts';
import { blockedEitherWay } from '../../store/blocks.ts';
import { directConversationIds, friendshipsOf } from '../../store/friends.ts';

/** The caller's friends, sorted by the name the caller sees: their remark, or the display name. */
export async function listFriends(services: Services, actor: Actor): Promise<FriendList> {
  const db = services.store.db;
  const me = actor.user.id;
  const [rows, hidden] = await Promise.all([friendshipsOf(db, me), blockedEitherWay(db, me)]);
  const friendIds = rows.map((r) => r.user.id);
  const [conversations, online] = await Promise.all([
    directConversationIds(db, me, friendIds),
    services.presence.onlineAmong(friendIds),
  ]);
  const friends = rows.map(({ friendship, user }) =>
    presentFriend(friendship, user, conversations.get(user.id)!, {
      online: online.has(user.id),
      hidden: hidden.has(user.id),
    }),
  );
  const shownName = (f: (typeof friends)[number]) => f.remark ?? f.user.displayName;
  friends.sort((a, b) => shownName(a).localeCompare(shownName(b), undefined, { sensitivity: 'base' }));
  return { friends };
}
