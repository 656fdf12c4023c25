import { z } from 'zod';
import { limits } from '../limits.ts';
import { Id, VisibleName } from './common.ts';

/**
 * Stickers and custom emoji (PROTOCOL.md "Stickers and custom emoji"). A sticker is a WebP
 * image of at most 512×512 the server made from an uploaded picture; it is sent as a message
 * of its own (`stickerId`). Server packs are public; a personal sticker is seen by those who
 * keep it and by the members of conversations where a message shows it.
 */
export const Sticker = z.object({
  id: Id,
  /** The server pack it belongs to; null for a personal sticker. */
  packId: Id.nullable(),
  /** A keyword for search, usually one emoji ('' when none). */
  emoji: z.string(),
  /**
   * Where to GET the WebP: `/stickers/<id>` for pack stickers (public, cached for good),
   * `/media/stickers/<id>` for personal ones (the session or the media cookie, like /media).
   */
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  animated: z.boolean(),
});
export type Sticker = z.infer<typeof Sticker>;

export const StickerPack = z.object({
  id: Id,
  name: z.string(),
  /** The pack that comes with Parley; it cannot be deleted. */
  builtin: z.boolean(),
  stickers: z.array(Sticker),
});
export type StickerPack = z.infer<typeof StickerPack>;

/** GET /stickers: the server's packs, then the caller's own collection (newest first). */
export const StickerCollection = z.object({
  packs: z.array(StickerPack),
  mine: z.array(Sticker),
});
export type StickerCollection = z.infer<typeof StickerCollection>;

/** POST /stickers: make a sticker of my image upload, or keep the sticker a message shows. */
export const AddStickerBody = z.union([z.strictObject({ uploadId: Id }), z.strictObject({ messageId: Id })]);
export type AddStickerBody = z.infer<typeof AddStickerBody>;

export const StickerKeyword = z
  .string()
  .max(limits.stickerKeywordMax)
  .regex(/^[^\p{Cc}\p{Cs}]*$/u, 'no control characters');

export const CreateStickerPackBody = z.strictObject({
  name: VisibleName(limits.stickerPackNameMax, { trim: true }),
});
export type CreateStickerPackBody = z.infer<typeof CreateStickerPackBody>;

export const AddPackStickerBody = z.strictObject({ uploadId: Id, emoji: StickerKeyword.optional() });
export type AddPackStickerBody = z.infer<typeof AddPackStickerBody>;

/** What `:shortcode:` in message text names: lowercase letters, digits and _, 2–32 long. */
export const Shortcode = z.string().regex(/^[a-z0-9_]{2,32}$/, 'a-z, 0-9 and _, 2 to 32 characters');

export const CustomEmoji = z.object({
  shortcode: Shortcode,
  /** `/emoji/<shortcode>`: public; may change when an admin replaces it (cached 5 minutes). */
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  animated: z.boolean(),
});
export type CustomEmoji = z.infer<typeof CustomEmoji>;

export const SetCustomEmojiBody = z.strictObject({ uploadId: Id });
export type SetCustomEmojiBody = z.infer<typeof SetCustomEmojiBody>;
