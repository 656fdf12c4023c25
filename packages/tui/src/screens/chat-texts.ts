import type { Conversation } from '@parley/protocol';
import type { SessionState } from '@parley/sdk';
import { messagePreview } from '../format/message-text.ts';
import { conversationTitle, personName } from '../format/names.ts';
import type { Arrival } from '../hooks/useArrivals.ts';

/** Under the chat's title: the other person's presence, or the group's size. */
export function subtitleOf(state: SessionState, c: Conversation): string {
  if (c.kind === 'direct' && c.peer) {
    return state.online.has(c.peer.id) ? '● online' : '○ offline';
  }
  const members = c.memberCount === 1 ? '1 member' : `${c.memberCount} members`;
  if (!c.showPresence) return members;
  const online = (state.members[c.id] ?? []).filter((m) => state.online.has(m.user.id)).length;
  return `${members}${online > 0 ? `, ${online} online` : ''}`;
}

/** "Bob is typing…", "Bob and Carol are typing…", "4 people are typing…". */
export function typingText(userIds: readonly string[], name: (id: string) => string): string {
  if (userIds.length === 0) return '';
  if (userIds.length > 3) return `${userIds.length} people are typing…`;
  const names = userIds.map(name);
  return names.length === 1
    ? `${names[0]} is typing…`
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are typing…`;
}

/** The notice line for a message in a chat not on screen. */
export function arrivalText(state: SessionState, arrival: Arrival): string {
  const conversation = state.conversations.find((c) => c.id === arrival.conversationId);
  const where = conversation ? conversationTitle(state, conversation) : 'a new chat';
  const preview = messagePreview(arrival.message, (id) => personName(state, id));
  return `New message in ${where} — ${preview} (Ctrl+N opens)`;
}
