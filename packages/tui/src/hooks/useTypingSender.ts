import { useCallback, useRef } from 'react';
import { limits } from '@parley/protocol';
import type { ParleySession } from '@parley/sdk';

/** Tells the others I am typing: at most once per limits.typingIntervalMs per conversation. */
export function useTypingSender(session: ParleySession): (conversationId: string) => void {
  const last = useRef(new Map<string, number>());
  return useCallback(
    (conversationId: string) => {
      const now = Date.now();
      if (now - (last.current.get(conversationId) ?? 0) < limits.typingIntervalMs) return;
      last.current.set(conversationId, now);
      session.chats.typing(conversationId);
    },
    [session],
  );
}
