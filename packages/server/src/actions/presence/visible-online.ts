import type { Services } from '../../services.ts';
import { presenceAudience } from '../../store/relations.ts';

/**
 * The online users `userId` may see. Presence is symmetric (friends, co-members of groups that
 * show it, no block either way), so that is the user's own presence audience, narrowed to who
 * is online now: presence is asked about the audience only, never for everyone online (with
 * several nodes that would be the whole cluster).
 */
export async function visibleOnline(
  services: Services,
  userId: string,
  /** The user's presence audience when the caller has just read it (a hello that announced them). */
  audience?: readonly string[],
): Promise<string[]> {
  const visible = audience ?? (await presenceAudience(services.store.db, userId));
  const online = await services.presence.onlineAmong(visible);
  return visible.filter((id) => online.has(id));
}
