import type { Services } from '../../services.ts';
import { presenceAudience } from '../../store/relations.ts';

/**
 * The online users `userId` may see. Presence is symmetric (friends, co-members of groups that
 * show it, no block either way), so that is the user's own presence audience, intersected
 * with who is online now.
 */
export async function visibleOnline(services: Services, userId: string): Promise<string[]> {
  const [online, visible] = await Promise.all([
    services.presence.online(),
    presenceAudience(services.store.db, userId),
  ]);
  const mayBeSeen = new Set(visible);
  return online.filter((id) => mayBeSeen.has(id));
}
