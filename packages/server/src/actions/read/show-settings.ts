import type { Settings } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import type { Services } from '../../services.ts';
import { presenceVisibility } from '../../store/presence-settings.ts';
import { pushPreviewOn } from '../../store/push-subscriptions.ts';
import { readReceiptsOn } from '../../store/read-state.ts';

/** The caller's privacy settings. */
export async function showSettings(services: Services, actor: Actor): Promise<Settings> {
  const { db } = services.store;
  return {
    readReceipts: await readReceiptsOn(db, actor.user.id),
    pushPreview: await pushPreviewOn(db, actor.user.id),
    presenceVisibleTo: await presenceVisibility(db, actor.user.id),
  };
}
