import { type ConversationView, conversationOf } from '@parley/sdk';
import { useEffect } from 'react';
import { useSession } from '../../../model/app-context.ts';
import { usePageVisible } from './use-page-visible.ts';

const delayMs = 400;

/**
 * Moves my read cursor to the newest message while the user can actually see it: the list is
 * at the bottom and the page is visible. Debounced, so a burst of messages costs one request.
 */
export function useMarkRead(view: ConversationView, atBottom: boolean): void {
  const { session } = useSession();
  const visible = usePageVisible();
  const lastSeq = view.messages.at(-1)?.seq ?? 0;
  const { conversationId } = view;
  useEffect(() => {
    if (!atBottom || !visible || lastSeq === 0) return;
    const c = conversationOf(session.getSnapshot(), conversationId);
    if (!c || c.readSeq >= lastSeq) return;
    const timer = setTimeout(() => void session.chats.markRead(conversationId, lastSeq), delayMs);
    return () => clearTimeout(timer);
  }, [session, conversationId, lastSeq, atBottom, visible]);
}
