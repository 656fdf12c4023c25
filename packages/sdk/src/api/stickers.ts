import type {
  AddPackStickerBody,
  AddStickerBody,
  CustomEmoji,
  Sticker,
  StickerCollection,
  StickerPack,
} from '@parley/protocol';
import { type Call, seg } from './call.ts';

/**
 * Stickers and custom emoji (PROTOCOL.md "Stickers and custom emoji"): the server's packs and
 * my collection, and the `:shortcode:` emoji a client shows for `emoji` markdown tokens.
 * Sending one is `store.send(conversationId, '', { stickerId })`.
 */
export class StickersApi {
  constructor(private readonly call: Call) {}

  /** The server's packs and my collection. */
  list(): Promise<StickerCollection> {
    return this.call('GET', '/stickers');
  }

  /** Just the server's packs (there is no GET /sticker-packs: they come with `list`). */
  async packs(): Promise<StickerPack[]> {
    return (await this.list()).packs;
  }

  /** Keeps a sticker: made from one of my image uploads, or one a message I can see shows. */
  add(body: AddStickerBody): Promise<Sticker> {
    return this.call('POST', '/stickers', body);
  }

  remove(stickerId: string): Promise<void> {
    return this.call('DELETE', `/stickers/${seg(stickerId)}`);
  }

  customEmoji(): Promise<CustomEmoji[]> {
    return this.call('GET', '/custom-emoji');
  }

  /** Publishes a new, empty server pack (admins). */
  createPack(name: string): Promise<StickerPack> {
    return this.call('POST', '/sticker-packs', { name });
  }

  /** Adds a sticker made from one of my image uploads to a server pack (admins). */
  addToPack(packId: string, body: AddPackStickerBody): Promise<Sticker> {
    return this.call('POST', `/sticker-packs/${seg(packId)}/stickers`, body);
  }

  /** Deletes a server pack (admins; the built-in one refuses with `forbidden`). */
  deletePack(packId: string): Promise<void> {
    return this.call('DELETE', `/sticker-packs/${seg(packId)}`);
  }
}
