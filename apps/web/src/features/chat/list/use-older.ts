import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../../../model/app-context.ts';
import { toast } from '../../../ui/toast.tsx';
import { errorText } from '../../../util/error-text.ts';

export const olderPage = 50;

/**
 * Opening the conversation (its history filled by the SDK; `tracked` once caught up) and
 * loading older pages as the user scrolls up. `loadOlder` resolves with how many messages were
 * added, 0 when none are left, and null when the page could not be read (a toast says why).
 */
export function useOlder(conversationId: string) {
  const { session } = useSession();
  const [tracked, setTracked] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);

  useEffect(() => {
    let live = true;
    void session.chats.open(conversationId).finally(() => live && setTracked(true));
    return () => {
      live = false;
    };
  }, [session, conversationId]);

  const loadOlder = useCallback(
    (count = olderPage): Promise<number | null> => {
      if (!session.messages.hasOlder(conversationId)) return Promise.resolve(0);
      setLoadingOlder(true);
      return session.messages
        .loadOlder(conversationId, count)
        .catch((err: unknown) => {
          toast(errorText(err), 'error');
          return null;
        })
        .finally(() => setLoadingOlder(false));
    },
    [session, conversationId],
  );

  return { tracked, loadingOlder, loadOlder };
}
