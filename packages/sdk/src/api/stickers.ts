import type { AddStickerBody, CustomEmoji, Sticker, StickerCollection } from '@parley/protocol';
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
}
