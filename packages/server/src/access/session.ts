import { hashToken } from '../auth/tokens.ts';
import { now } from '../ids.ts';
import type { Services } from '../services.ts';
import {
  type SessionWithUser,
  deleteSession,
  sessionByMediaTokenHash,
  sessionByTokenHash,
  touchSession,
} from '../store/sessions.ts';
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
  return keepAlive(services, await sessionByTokenHash(services.store.db, hashToken(token)));
}

/**
 * The live session a media credential (the `parley_media` cookie, auth/tokens.ts
 * `mediaTokenOf`) belongs to, or null; for the /media routes only (http/media-session.ts).
 * The same idle limit applies: the credential lives exactly as long as its session.
 */
export async function accessMediaSession(services: Services, mediaToken: string): Promise<Actor | null> {
  return keepAlive(services, await sessionByMediaTokenHash(services.store.db, hashToken(mediaToken)));
}

/**
 * The found session unless it has idled past the limit or its account is disabled (then
 * deleted); refreshes last-seen. Disabling deletes every session of the account, but a sign-in
 * that checked the password just before could still open one after: it is refused here.
 */
async function keepAlive(services: Services, found: SessionWithUser | undefined): Promise<Actor | null> {
  if (!found) return null;
  const at = now();
  const idleMs = Date.parse(at) - Date.parse(found.session.last_seen_at);
  if (found.user.disabled_at !== null || idleMs > services.config.sessionIdleDays * 86_400_000) {
    await deleteSession(services.store.db, found.session.id);
    return null;
  }
  if (idleMs > TOUCH_EVERY_MS) {
    await touchSession(services.store.db, found.session.id, at);
    found.session.last_seen_at = at;
  }
  return found;
}
