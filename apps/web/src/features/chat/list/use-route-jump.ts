import { useEffect } from 'react';
import { settleMessage, useRoute } from '../../../util/route.ts';

/**
 * Jumps to the message the URL names (`#/c/<id>/m/<seq>`, set by opening a search result)
 * once the conversation has caught up, then drops it from the URL so it happens once per
 * opening. `ready` must be false until the timeline's start is known (after track).
 */
export function useRouteJump(conversationId: string, ready: boolean, jumpTo: (seq: number) => void): void {
  const route = useRoute();
  const seq = route.conversationId === conversationId ? route.messageSeq : null;
  useEffect(() => {
    if (!ready || seq === null) return;
    settleMessage(conversationId);
    jumpTo(seq);
  }, [conversationId, ready, seq, jumpTo]);
}
