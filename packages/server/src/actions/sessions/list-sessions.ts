import type { SessionList } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { presentSession } from '../../presenters/users.ts';
import type { Services } from '../../services.ts';
import { sessionsOfUser } from '../../store/sessions.ts';

/** The caller's device sessions, most recently active first, with the current one marked. */
export async function listSessions(services: Services, actor: Actor): Promise<SessionList> {
  const rows = await sessionsOfUser(services.store.db, actor.user.id);
  return { sessions: rows.map((row) => presentSession(row, actor.session.id)) };
}
