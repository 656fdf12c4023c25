import { limits } from '@parley/protocol';
import { useCallback, useRef } from 'react';
import { useSession } from '../../../model/app-context.ts';

/**
 * Tells the others "I am typing" while the user types: at most one `typing` frame per
 * limits.typingIntervalMs (the server drops more anyway); a failure does not matter.
 */
export function useTyping(conversationId: string): () => void {
  const { session } = useSession();
  const last = useRef(0);
  return useCallback(() => {
    const now = Date.now();
    if (now - last.current < limits.typingIntervalMs) return;
    last.current = now;
    session.chats.typing(conversationId);
  }, [session, conversationId]);
}
