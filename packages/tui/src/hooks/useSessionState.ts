import { useCallback, useSyncExternalStore } from 'react';
import type { ConversationView, ParleySession, SessionState } from '@parley/sdk';

/** The session's current snapshot; the component renders again whenever it changes. */
export function useSessionState(session: ParleySession): SessionState {
  return useSyncExternalStore(session.subscribe, session.getSnapshot);
}

/** One conversation's messages and pending sends; undefined while none is open. */
export function useConversationView(session: ParleySession, id: string | null): ConversationView | undefined {
  const subscribe = useCallback(
    (listener: () => void) => session.messages.subscribe((changed) => changed === id && listener()),
    [session, id],
  );
  return useSyncExternalStore(subscribe, () => (id ? session.messages.view(id) : undefined));
}
