import type { Conversation } from '@parley/protocol';
import { useEffect } from 'react';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';

/** The lobby and the groups whose members see each other's presence have an online list. */
export function hasOnlineList(c: Conversation): boolean {
  return c.kind === 'lobby' || (c.kind === 'group' && c.showPresence);
}

/**
 * A conversation's online list while the chat is open: the session holds it from the first
 * ask (`loadOnline`), keeps it current from presence and member events, and lets it go when
 * the chat closes. Undefined until the server's first answer.
 */
export function useOnlineIn(conversationId: string, enabled: boolean) {
  const { session } = useSession();
  const list = useSessionState((s) => s.onlineIn[conversationId]);
  useEffect(() => {
    if (!enabled) return;
    // Refused (offline): nothing held, the count stays hidden; the next hello loads again.
    session.loadOnline(conversationId).catch(() => {});
    return () => session.releaseOnline(conversationId);
  }, [session, conversationId, enabled]);
  return enabled ? list : undefined;
}
