import type { Conversation, Friend } from '@parley/protocol';
import { nameOf } from './order.ts';
import type { SessionState } from './session-state.ts';

/** Reads of a SessionState that several clients need; each is a plain function of the snapshot. */

export function conversationOf(state: SessionState, id: string | null): Conversation | undefined {
  return id === null ? undefined : state.conversations.find((c) => c.id === id);
}

export function friendOf(state: SessionState, userId: string): Friend | undefined {
  return state.friends.find((f) => f.user.id === userId);
}

/** Unread messages over conversations not muted (a tab badge), or over all with `muted`. */
export function unreadTotal(state: SessionState, { muted = false } = {}): number {
  return state.conversations.reduce(
    (sum, c) => sum + (muted || !c.notificationsMuted ? c.unreadCount : 0),
    0,
  );
}

/** What waits for my answer: friend requests and group invitations to me, applications I decide. */
export function pendingCount(state: SessionState): number {
  const pending = <T extends { status: string }>(list: readonly T[]) =>
    list.filter((r) => r.status === 'pending').length;
  return pending(state.incoming) + pending(state.invitations) + pending(state.joinRequests);
}

/**
 * How I call someone: my remark for a friend, else their display name; undefined when not
 * met yet (ask with `session.people.want([id])`).
 */
export function displayNameOf(state: SessionState, userId: string): string | undefined {
  const friend = friendOf(state, userId);
  if (friend) return nameOf(friend);
  return state.users[userId]?.displayName;
}
