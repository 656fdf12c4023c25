import { type ParleySession, conversationOf } from '@parley/sdk';
import { openConversation } from '../../util/route.ts';

/**
 * Opens our direct chat. Just made friends, the conversation may not be in my list yet (its
 * first notice is still on the way): the list is asked for, and the chat shows once it is there.
 */
export function openFriendChat(session: ParleySession, conversationId: string): void {
  if (!conversationOf(session.getSnapshot(), conversationId)) session.load('conversations').catch(() => {});
  openConversation(conversationId);
}
