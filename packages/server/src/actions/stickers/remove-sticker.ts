import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { removeFromCollection } from '../../store/stickers.ts';

/**
 * Takes a sticker out of the caller's collection. Messages that show it still do; a personal
 * sticker that no collection keeps and no message shows goes with the next media sweep.
 */
export async function removeSticker(services: Services, actor: Actor, stickerId: string): Promise<void> {
  if (!(await removeFromCollection(services.store.db, actor.user.id, stickerId))) {
    throw new AppError('not_found', 'that sticker is not in your collection');
  }
}
