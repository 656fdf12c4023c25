import type { Conversation, PublicUser } from '@parley/protocol';
import { friendOf } from '@parley/sdk';
import { useEffect, useState } from 'react';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { refusalText } from '../groups/refusal.ts';

/**
 * Everything a person's card shows about them, from the session: who they are (asked of the
 * server when not met yet), what they are to me (friend, blocked, a request either way, a
 * direct chat we already have) and their presence as far as I may see it.
 */
export function usePerson(userId: string) {
  const { session } = useSession();
  const me = useSessionState((s) => s.me);
  const met = useSessionState((s) => s.users[userId]);
  const friend = useSessionState((s) => friendOf(s, userId));
  const block = useSessionState((s) => s.blocks.find((b) => b.user.id === userId));
  const online = useSessionState((s) => s.online.has(userId));
  const requested = useSessionState((s) =>
    s.outgoing.find((r) => r.to.id === userId && r.status === 'pending'),
  );
  const askedMe = useSessionState((s) =>
    s.incoming.find((r) => r.from.id === userId && r.status === 'pending'),
  );
  const direct = useSessionState((s) =>
    s.conversations.find((c): c is Conversation => c.kind === 'direct' && c.peer?.id === userId),
  );
  const self = userId === me.id;
  const user: PublicUser | undefined = self ? me : (friend?.user ?? met ?? block?.user);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const known = user !== undefined;

  useEffect(() => {
    if (known) return;
    let live = true;
    setError(null);
    session.people.user(userId).catch((err: unknown) => live && setError(refusalText(err)));
    return () => {
      live = false;
    };
  }, [session, userId, known, attempt]);

  return {
    user,
    self,
    friend,
    blocked: block !== undefined,
    online: self || online,
    /** Only a friend's last-seen time is shared (and not across a block). */
    lastSeenAt: friend?.lastSeenAt ?? null,
    requested,
    askedMe,
    direct,
    /** The lookup failed (offline, or no such user); `retry` asks again. */
    error: known ? null : error,
    retry: () => setAttempt((a) => a + 1),
  };
}

export type Person = ReturnType<typeof usePerson>;
