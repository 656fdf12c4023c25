import { useEffect } from 'react';
import type { ConversationView, ParleySession } from '@parley/sdk';

/**
 * Asks the session for the people the open chat names and the client has not met yet (a
 * sender in a big group, someone a notice mentions), so rows show names, not "Someone".
 */
export function useWantedPeople(session: ParleySession, view: ConversationView | undefined): void {
  useEffect(() => {
    if (!view) return;
    const ids = new Set<string>();
    for (const m of view.messages) {
      if (m.senderId) ids.add(m.senderId);
      if (m.replyTo?.senderId) ids.add(m.replyTo.senderId);
      if (m.notice?.actorId) ids.add(m.notice.actorId);
      for (const id of m.notice?.userIds ?? []) ids.add(id);
    }
    session.people.want(ids);
  }, [session, view]);
}
