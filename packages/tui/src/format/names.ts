import type { Conversation } from '@parley/protocol';
import { type SessionState, displayNameOf } from '@parley/sdk';

/** How a person is called on screen: "You", my remark for a friend, their display name. */
export function personName(state: SessionState, userId: string | null): string {
  if (userId === null) return 'Parley';
  if (userId === state.me.id) return 'You';
  return displayNameOf(state, userId) ?? 'Someone';
}

/** A conversation's name as I see it: the other person for a direct chat, else the group's name. */
export function conversationTitle(state: SessionState, c: Conversation): string {
  if (c.kind === 'direct' && c.peer) return displayNameOf(state, c.peer.id) ?? c.peer.displayName;
  return c.name;
}
