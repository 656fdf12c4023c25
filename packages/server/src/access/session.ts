import { hashToken } from '../auth/tokens.ts';
import { now } from '../ids.ts';
import type { Services } from '../services.ts';
import { deleteSession, sessionByTokenHash, touchSession } from '../store/sessions.ts';
import type { SessionRow, UserRow } from '../store/tables.ts';

/** A signed-in caller: who they are and which device session they came with. */
export interface Actor {
  user: UserRow;
  session: SessionRow;
}

/**
 * What an action that needs only the ids takes, and all a live socket keeps of its Actor after
 * `hello`: the rows (password hash, user agent, bio…) would stay in memory for as long as the
 * socket is open, thousands of them on a busy node.
 */
export interface Caller {
  user: Pick<UserRow, 'id'>;
  session: Pick<SessionRow, 'id'>;
}

/** Refreshing last-seen at most this often keeps a busy client from writing on every request. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The live session a bearer token names, or null. Every REST request and `hello` come here.
 * A session idle for longer than PARLEY_SESSION_IDLE_DAYS is deleted on its next use, so a
 * token left on a lost phone stops working by itself.
 */
export async function accessSession(services: Services, token: string): Promise<Actor | null> {
  const found = await sessionByTokenHash(services.store.db, hashToken(token));
  if (!found) return null;
  const at = now();
  const idleMs = Date.parse(at) - Date.parse(found.session.last_seen_at);
  if (idleMs > services.config.sessionIdleDays * 86_400_000) {
    await deleteSession(services.store.db, found.session.id);
    return null;
  }
  if (idleMs > TOUCH_EVERY_MS) {
    await touchSession(services.store.db, found.session.id, at);
    found.session.last_seen_at = at;
  }
  return found;
}
