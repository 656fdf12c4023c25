import type { ConversationView, SessionState } from '@parley/sdk';
import { useCallback, useSyncExternalStore } from 'react';
import { useSession } from './app-context.ts';

/**
 * Reads a part of the SDK session's state and re-renders when it changes. `select` must
 * return a part of the snapshot (or a primitive), not a new object: the snapshot is
 * immutable, so a part is the same object until it changes.
 */
export function useSessionState<T>(select: (state: SessionState) => T): T {
  const { session } = useSession();
  return useSyncExternalStore(session.subscribe, () => select(session.getSnapshot()));
}

/** One conversation's messages and unsent ones, as the SDK's ConversationStore holds them. */
export function useConversationView(conversationId: string): ConversationView {
  const { store } = useSession();
  const subscribe = useCallback(
    (listener: () => void) => store.subscribe((id) => id === conversationId && listener()),
    [store, conversationId],
  );
  return useSyncExternalStore(subscribe, () => store.view(conversationId));
}
