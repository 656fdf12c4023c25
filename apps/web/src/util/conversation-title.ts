import type { Conversation } from '@parley/protocol';
import { type SessionState, nameOf } from '@parley/sdk';

/**
 * A conversation's name as I see it: a friend's remark or name for direct chats, else the
 * group's name. Takes only the friends (a component selects them from the session's state).
 */
export function conversationTitle(c: Conversation, { friends }: Pick<SessionState, 'friends'>): string {
  const peer = c.kind === 'direct' ? c.peer : null;
  if (!peer) return c.name;
  const friend = friends.find((f) => f.user.id === peer.id);
  return friend ? nameOf(friend) : peer.displayName;
}

/** The picture for a conversation: the peer's avatar for direct chats. */
export function conversationAvatar(c: Conversation): string | null {
  return c.kind === 'direct' ? (c.peer?.avatarSmall ?? null) : c.avatarSmall;
}
