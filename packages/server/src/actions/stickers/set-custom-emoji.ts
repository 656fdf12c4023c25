import { type CustomEmoji, limits } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { presentCustomEmoji } from '../../presenters/stickers.ts';
import { type Services, transact } from '../../services.ts';
import { customEmojiByShortcode, customEmojiCount, putCustomEmoji } from '../../store/custom-emoji.ts';
import { requireAdmin } from './admin-only.ts';
import { imageFromUpload } from './image-from-upload.ts';

/** Longest side of a custom emoji: shown at text size, so small; 128 px stays sharp on 2× screens. */
const emojiSize = 128;

/**
 * An admin makes `:shortcode:` name an image made from one of their uploads, or gives an
 * existing shortcode a new image (the old file goes with the next sweep). Clients draw the
 * image where the text has the shortcode; the server never rewrites text.
 */
export async function setCustomEmoji(
  services: Services,
  actor: Actor,
  shortcode: string,
  uploadId: string,
): Promise<CustomEmoji> {
  requireAdmin(actor, 'change custom emoji');
  const refuseWhenFull = async (db: Services['store']['db']) => {
    if (
      (await customEmojiByShortcode(db, shortcode)) === undefined &&
      (await customEmojiCount(db)) >= limits.customEmojiMax
    ) {
      throw new AppError('limit_reached', `a server has at most ${limits.customEmojiMax} custom emoji`);
    }
  };
  await refuseWhenFull(services.store.db);
  return imageFromUpload(services, actor, uploadId, { size: emojiSize }, (image) =>
    transact(services, async (tx) => {
      await refuseWhenFull(tx);
      const row = await putCustomEmoji(tx, {
        shortcode,
        blob_sha: image.sha,
        mime: image.mime,
        width: image.width,
        height: image.height,
        animated: image.animated ? 1 : 0,
        created_by: actor.user.id,
        created_at: now(),
      });
      return presentCustomEmoji(row);
    }),
  );
}
