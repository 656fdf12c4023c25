import { limits } from '@parley/protocol';
import { useCallback, useRef } from 'react';
import type { SignedIn } from '../../../model/signed-in.ts';

/**
 * Tells the others "I am typing" while the user types: at most one `typing` frame per
 * limits.typingIntervalMs (the server drops more anyway); a failure does not matter.
 */
export function useTyping(session: SignedIn, conversationId: string): () => void {
  const last = useRef(0);
  return useCallback(() => {
    const now = Date.now();
    if (now - last.current < limits.typingIntervalMs) return;
    last.current = now;
    session.connection.request('typing', { conversationId }).catch(() => {});
  }, [session, conversationId]);
}
