import type { Conversation } from '@parley/protocol';
import { sortConversations } from '../order.ts';
import type { SessionState } from '../session-state.ts';
import { meet } from '../reduce/users.ts';

/**
 * A conversation as an action's answer gives it (made, joined, changed by me): put into the
 * list. The answer is newer than anything held, except a message that arrived meanwhile:
 * the held last message and counts are kept when they are further on.
 */
export function putConversation(state: SessionState, conversation: Conversation): SessionState {
  const held = state.conversations.find((c) => c.id === conversation.id);
  const ahead = held !== undefined && held.lastSeq > conversation.lastSeq;
  const next = ahead
    ? {
        ...conversation,
        lastSeq: held.lastSeq,
        lastMessage: held.lastMessage,
        unreadCount: held.unreadCount,
        mentionCount: held.mentionCount,
        readSeq: held.readSeq,
      }
    : conversation;
  const rest = state.conversations.filter((c) => c.id !== conversation.id);
  return meet({ ...state, conversations: sortConversations([...rest, next]) }, next.peer ? [next.peer] : []);
}
