import type { Member } from '@parley/protocol';
import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../../model/app-context.ts';
import { refusalText } from './refusal.ts';

/**
 * A group's members while its settings are open: loaded once, then kept current from
 * member.added / member.updated / member.removed, and re-read after my own changes.
 */
export function useMembers(conversationId: string, open: boolean) {
  const session = useSession();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const { members } = await session.http.conversations.members(conversationId);
      session.people.put(members.map((m) => m.user));
      setMembers(members);
      setError(null);
    } catch (err) {
      setError(refusalText(err));
    }
  }, [session, conversationId]);

  useEffect(() => {
    if (!open) return;
    void load();
    const on = session.connection.on.bind(session.connection);
    const put = (member: Member) =>
      setMembers((list) => list && [...list.filter((m) => m.user.id !== member.user.id), member]);
    const offs = [
      on('member.added', (e) => e.conversationId === conversationId && put(e.member)),
      on('member.updated', (e) => e.conversationId === conversationId && put(e.member)),
      on('member.removed', (e) => {
        if (e.conversationId === conversationId)
          setMembers((list) => list && list.filter((m) => m.user.id !== e.userId));
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [open, load, session, conversationId]);

  /** Puts the member as the server answered it (after a role change or a mute). */
  const put = (member: Member) =>
    setMembers((list) => list && [...list.filter((m) => m.user.id !== member.user.id), member]);
  const drop = (userId: string) => setMembers((list) => list && list.filter((m) => m.user.id !== userId));
  return { members, error, reload: load, put, drop };
}

const rank = { owner: 0, admin: 1, member: 2 } as const;

/** Owner first, then admins, then everyone else, each by name. */
export function sortMembers(members: Member[], name: (userId: string) => string): Member[] {
  return [...members].sort(
    (a, b) => rank[a.role] - rank[b.role] || name(a.user.id).localeCompare(name(b.user.id)),
  );
}

/** Whether the member may not send right now. */
export function isMuted(member: Member, now = Date.now()): boolean {
  return member.mutedUntil !== null && Date.parse(member.mutedUntil) > now;
}
