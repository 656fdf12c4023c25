import { useEffect, useState } from 'react';
import type { Me } from '@parley/protocol';
import { type ParleyClient, ParleySession } from '@parley/sdk';
import { CacheFile } from '../storage/cache-file.ts';
import { OutboxFile } from '../storage/outbox-file.ts';

/** Newest messages a conversation met for the first time loads; older ones come on scrolling up. */
const initialHistory = 50;

/**
 * The signed-in session for the screen's lifetime: made once, seeded with the chats as last
 * seen (CacheFile), given back the messages that were unsent when the client last stopped, writing its outbox to disk on every change (see
 * OutboxFile), and disposed on unmount.
 */
export function useParleySession(server: string, client: ParleyClient, me: Me): ParleySession {
  const [{ session, stopCaching }] = useState(() => {
    const made = new ParleySession({ client, me, messages: { initialHistory } });
    // The chats as last seen first, so they show at once, offline too.
    const cache = new CacheFile(server, me.id);
    cache.seed(made);
    const file = new OutboxFile(server, me.id);
    made.messages.restoreUnsent(file.read());
    file.adopt(made.messages.unsent());
    made.messages.subscribe(() => file.write(made.messages.unsent()));
    return { session: made, stopCaching: cache.follow(made) };
  });
  useEffect(
    () => () => {
      stopCaching();
      session.dispose();
    },
    [session, stopCaching],
  );
  return session;
}
