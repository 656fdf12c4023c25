import { type AddStickerBody, type Sticker, limits } from '@parley/protocol';
import type { Kysely } from 'kysely';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { newId, now } from '../../ids.ts';
import { type StoredSticker, presentSticker } from '../../presenters/stickers.ts';
import { type Services, transact } from '../../services.ts';
import { addToCollection, collectionSize, insertSticker, stickerById } from '../../store/stickers.ts';
import type { Database } from '../../store/tables.ts';
import { accessMessage } from '../messages/message-access.ts';
import { imageFromUpload } from './image-from-upload.ts';

export interface AddedSticker {
  sticker: Sticker;
  /** false when it was in the collection already (nothing changed). */
  added: boolean;
}

/**
 * Puts a sticker into the caller's collection: a new personal sticker made from one of their
 * image uploads, or the sticker a message they can see shows (someone sent it; keeping it lets
 * them send it too). At most limits.stickersPerUserMax stickers in a collection.
 */
export async function addSticker(
  services: Services,
  actor: Actor,
  body: AddStickerBody,
): Promise<AddedSticker> {
  const me = actor.user.id;
  if ('messageId' in body) return keepFromMessage(services, me, body.messageId);
  await refuseWhenFull(services.store.db, me);
  return imageFromUpload(services, actor, body.uploadId, {}, (image) =>
    transact(services, async (tx) => {
      await refuseWhenFull(tx, me);
      const at = now();
      const row = {
        id: newId(),
        pack_id: null,
        owner_id: me,
        blob_sha: image.sha,
        mime: image.mime,
        width: image.width,
        height: image.height,
        animated: image.animated ? 1 : 0,
        emoji: '',
        created_at: at,
      };
      // With its collection entry in one transaction: never an instant where the sweep could
      // take it as unreachable.
      await insertSticker(tx, row);
      await addToCollection(tx, me, row.id, at);
      return { sticker: presentSticker(row), added: true };
    }),
  );
}

async function keepFromMessage(services: Services, me: string, messageId: string): Promise<AddedSticker> {
  const notASticker = () =>
    new AppError('not_found', 'no sticker message you can see has this id', { field: 'messageId' });
  const { message } = await accessMessage(services.store.db, me, messageId).catch((err: unknown) => {
    throw err instanceof AppError && err.code === 'not_found' ? notASticker() : err;
  });
  const shown =
    message.kind === 'sticker' && message.data
      ? (JSON.parse(message.data) as { sticker?: StoredSticker }).sticker
      : undefined;
  if (!shown || message.recalled_at) throw notASticker();
  return transact(services, async (tx) => {
    const sticker = await stickerById(tx, shown.id);
    if (!sticker) throw notASticker();
    if (!(await addToCollection(tx, me, sticker.id, now()))) {
      return { sticker: presentSticker(sticker), added: false };
    }
    await refuseWhenFull(tx, me, 1);
    return { sticker: presentSticker(sticker), added: true };
  });
}

/** `extra`: entries already added in this transaction (rolled back with the refusal). */
async function refuseWhenFull(db: Kysely<Database>, userId: string, extra = 0): Promise<void> {
  if ((await collectionSize(db, userId)) - extra >= limits.stickersPerUserMax) {
    throw new AppError('limit_reached', `a collection holds at most ${limits.stickersPerUserMax} stickers`);
  }
}
