import type { Block, Friend, FriendRequest } from '@parley/protocol';
import type { FriendRequestRecord } from '../store/friends.ts';
import type { FriendshipRow, UserRow } from '../store/tables.ts';
import { presentUser } from './users.ts';

/**
 * A request as its sender or recipient sees it. An `ignored` request (sent to someone who has
 * blocked the sender) is shown as `pending`: the sender must not learn of the block, and the
 * recipient is never shown it at all.
 */
export function presentFriendRequest(row: FriendRequestRecord, from: UserRow, to: UserRow): FriendRequest {
  return {
    id: row.id,
    from: presentUser(from),
    to: presentUser(to),
    note: row.note,
    status: row.status === 'ignored' ? 'pending' : row.status,
    createdAt: row.created_at,
    decidedAt: row.status === 'ignored' ? null : row.decided_at,
  };
}

/** What the viewer may know of the friend's presence. */
export interface FriendPresence {
  online: boolean;
  /** Either has blocked the other: presence is hidden both ways, as everywhere else. */
  hidden: boolean;
}

/** A friend as the owner of `friendship` sees them: their remark, their conversation. */
export function presentFriend(
  friendship: FriendshipRow,
  user: UserRow,
  conversationId: string,
  presence: FriendPresence,
): Friend {
  return {
    user: presentUser(user),
    remark: friendship.remark,
    since: friendship.created_at,
    conversationId,
    online: presence.online && !presence.hidden,
    lastSeenAt: presence.hidden ? null : user.last_seen_at,
  };
}

export function presentBlock(user: UserRow, since: string): Block {
  return { user: presentUser(user), since };
}
