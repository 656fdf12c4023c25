import { useEffect } from 'react';
import type { ConversationView, ParleySession } from '@parley/sdk';

/**
 * Moves my read cursor to the newest message of the open chat while its bottom is on screen
 * (scrolled up reading old messages, the newer ones are not read yet). The session skips a
 * seq that is not past the cursor.
 */
export function useMarkRead(
  session: ParleySession,
  view: ConversationView | undefined,
  atBottom: boolean,
): void {
  const last = view?.messages.at(-1);
  const id = view?.conversationId;
  useEffect(() => {
    if (id && last && atBottom) void session.chats.markRead(id, last.seq);
  }, [session, id, last, atBottom]);
}
