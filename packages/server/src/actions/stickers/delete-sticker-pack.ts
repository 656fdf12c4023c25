import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { type Services, transact } from '../../services.ts';
import { deletePack, packById } from '../../store/stickers.ts';
import { requireAdmin } from './admin-only.ts';

/**
 * An admin deletes a server pack (never the built-in one). Stickers that messages show stay
 * for those messages (store/stickers.ts deletePack); the other files go with the next sweep.
 */
export async function deleteStickerPack(services: Services, actor: Actor, packId: string): Promise<void> {
  requireAdmin(actor, 'delete sticker packs');
  await transact(services, async (tx) => {
    const pack = await packById(tx, packId);
    if (!pack) throw new AppError('not_found', 'no such sticker pack');
    if (pack.builtin === 1) throw new AppError('forbidden', 'the built-in pack cannot be deleted');
    await deletePack(tx, packId);
  });
}
