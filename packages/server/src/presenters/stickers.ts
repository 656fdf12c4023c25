import type { CustomEmoji, Sticker } from '@parley/protocol';
import type { CustomEmojiRow, StickerRow } from '../store/tables.ts';

/**
 * What a sticker message's data keeps of its sticker: a copy taken when it was sent, so a page
 * of history needs no join (a sticker's image never changes).
 */
export interface StoredSticker {
  id: string;
  packId: string | null;
  emoji: string;
  width: number;
  height: number;
  animated: boolean;
}

export function storedSticker(row: StickerRow): StoredSticker {
  return {
    id: row.id,
    packId: row.pack_id,
    emoji: row.emoji,
    width: row.width,
    height: row.height,
    animated: row.animated === 1,
  };
}

/**
 * Where a client fetches a sticker (http/routes/sticker-images.ts): pack stickers at a public
 * path; personal ones under /media, where browsers send the media cookie. Either path serves
 * any sticker under the same rules; the one given is the one that works from an <img>.
 */
export const stickerPath = (id: string, packId: string | null) =>
  packId === null ? `/media/stickers/${id}` : `/stickers/${id}`;

export function presentSticker(sticker: StoredSticker | StickerRow): Sticker {
  const stored = 'packId' in sticker ? sticker : storedSticker(sticker);
  return { ...stored, url: stickerPath(stored.id, stored.packId) };
}

/** Where anyone fetches a custom emoji (public; may change, so cached briefly). */
export const emojiPath = (shortcode: string) => `/emoji/${shortcode}`;

export function presentCustomEmoji(row: CustomEmojiRow): CustomEmoji {
  return {
    shortcode: row.shortcode,
    url: emojiPath(row.shortcode),
    width: row.width,
    height: row.height,
    animated: row.animated === 1,
  };
}
