import type { Member } from '@parley/protocol';
import { useEffect, useState } from 'react';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';

/**
 * A group's members while its settings are open: the session holds them from the first ask
 * on (`session.loadMembers`), keeps them current from member events and my own changes, and
 * asks again after each hello; they are asked again on every open too. `failed` when no
 * answer came and none are held (offline); `reload` asks once more.
 */
export function useMembers(conversationId: string) {
  const { session } = useSession();
  const members = useSessionState((s) => s.members[conversationId]);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setFailed(false);
    session.loadMembers(conversationId).catch(() => {
      // What was held stays; with nothing held there is nothing to show.
      if (live && !session.getSnapshot().members[conversationId]) setFailed(true);
    });
    return () => {
      live = false;
    };
  }, [session, conversationId, attempt]);
  return {
    members: members ?? null,
    failed: failed && !members,
    reload: () => setAttempt((a) => a + 1),
  };
}

const rank = { owner: 0, admin: 1, member: 2 } as const;

/** Owner first, then admins, then everyone else, each by name. */
export function sortMembers(members: readonly Member[], name: (userId: string) => string): Member[] {
  return [...members].sort(
    (a, b) => rank[a.role] - rank[b.role] || name(a.user.id).localeCompare(name(b.user.id)),
  );
}

/** Whether the member may not send right now. */
export function isMuted(member: Member, now = Date.now()): boolean {
  return member.mutedUntil !== null && Date.parse(member.mutedUntil) > now;
}
