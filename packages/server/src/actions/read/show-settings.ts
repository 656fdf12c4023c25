import type { Settings } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import type { Services } from '../../services.ts';
import { readReceiptsOn } from '../../store/read-state.ts';

/** The caller's privacy settings. */
export async function showSettings(services: Services, actor: Actor): Promise<Settings> {
  return { readReceipts: await readReceiptsOn(services.store.db, actor.user.id) };
}
