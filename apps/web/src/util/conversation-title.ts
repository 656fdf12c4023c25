import type { Conversation } from '@parley/protocol';
import { type SessionState, nameOf } from '@parley/sdk';
import { i18next } from '../i18n/index.ts';
import { userName } from './user-name.ts';

/**
 * A group's name as shown: the lobby's is the server's English "Lobby", so it is named in the
 * reader's language instead (its id is the fixed string `lobby`, PROTOCOL.md).
 */
export function groupName(group: { id: string; name: string }): string {
  return group.id === 'lobby' ? i18next.t('people:lobby') : group.name;
}

/**
 * A conversation's name as I see it: a friend's remark or name for direct chats, else the
 * group's name. Takes only the friends (a component selects them from the session's state).
 */
export function conversationTitle(c: Conversation, { friends }: Pick<SessionState, 'friends'>): string {
  const peer = c.kind === 'direct' ? c.peer : null;
  if (!peer) return groupName(c);
  const friend = friends.find((f) => f.user.id === peer.id);
  return friend ? nameOf(friend) : userName(peer);
}

/** The picture for a conversation: the peer's avatar for direct chats. */
export function conversationAvatar(c: Conversation): string | null {
  return c.kind === 'direct' ? (c.peer?.avatarSmall ?? null) : c.avatarSmall;
}
