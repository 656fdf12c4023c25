import { type AddPackStickerBody, type Sticker, limits } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { newId, now } from '../../ids.ts';
import { presentSticker } from '../../presenters/stickers.ts';
import { type Services, transact } from '../../services.ts';
import { insertSticker, packById, stickerCountInPack } from '../../store/stickers.ts';
import { requireAdmin } from './admin-only.ts';
import { imageFromUpload } from './image-from-upload.ts';

/** An admin adds a sticker made from one of their image uploads to a server pack. */
export async function addPackSticker(
  services: Services,
  actor: Actor,
  packId: string,
  body: AddPackStickerBody,
): Promise<Sticker> {
  requireAdmin(actor, 'change sticker packs');
  const refuseUnlessRoom = async (db: Services['store']['db']) => {
    if (!(await packById(db, packId))) throw new AppError('not_found', 'no such sticker pack');
    if ((await stickerCountInPack(db, packId)) >= limits.stickersPerPackMax) {
      throw new AppError('limit_reached', `a pack holds at most ${limits.stickersPerPackMax} stickers`);
    }
  };
  await refuseUnlessRoom(services.store.db);
  return imageFromUpload(services, actor, body.uploadId, {}, (image) =>
    transact(services, async (tx) => {
      // Again under the transaction: the pack may have been deleted while the image was made.
      await refuseUnlessRoom(tx);
      const row = {
        id: newId(),
        pack_id: packId,
        owner_id: null,
        blob_sha: image.sha,
        mime: image.mime,
        width: image.width,
        height: image.height,
        animated: image.animated ? 1 : 0,
        emoji: body.emoji ?? '',
        created_at: now(),
      };
      await insertSticker(tx, row);
      return presentSticker(row);
    }),
  );
}
