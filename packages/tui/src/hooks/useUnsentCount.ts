import { useCallback, useSyncExternalStore } from 'react';
import type { ParleySession } from '@parley/sdk';

/** How many messages, in every conversation, the server has not acknowledged yet. */
export function useUnsentCount(session: ParleySession): number {
  const subscribe = useCallback((listener: () => void) => session.messages.subscribe(listener), [session]);
  return useSyncExternalStore(subscribe, () => session.messages.unsent().length);
}
