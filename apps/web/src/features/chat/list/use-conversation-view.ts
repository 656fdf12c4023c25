import type { ConversationView } from '@parley/sdk';
import { useCallback, useSyncExternalStore } from 'react';
import { useSession } from '../../../model/app-context.ts';

/** The store's view of one conversation; re-renders only when that conversation changes. */
export function useConversationView(conversationId: string): ConversationView {
  const { store } = useSession();
  const subscribe = useCallback(
    (listener: () => void) => store.subscribe((id) => id === conversationId && listener()),
    [store, conversationId],
  );
  const get = useCallback(() => store.view(conversationId), [store, conversationId]);
  return useSyncExternalStore(subscribe, get);
}
