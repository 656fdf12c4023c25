import type { StickerCollection } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { presentSticker } from '../../presenters/stickers.ts';
import type { Services } from '../../services.ts';
import { allPacks, collectionOf, packStickers } from '../../store/stickers.ts';

/** The server's packs (the built-in one first) and the caller's collection (latest first). */
export async function listStickers(services: Services, actor: Actor): Promise<StickerCollection> {
  const db = services.store.db;
  const [packs, inPacks, mine] = await Promise.all([
    allPacks(db),
    packStickers(db),
    collectionOf(db, actor.user.id),
  ]);
  return {
    packs: packs.map((pack) => ({
      id: pack.id,
      name: pack.name,
      builtin: pack.builtin === 1,
      stickers: inPacks.filter((s) => s.pack_id === pack.id).map(presentSticker),
    })),
    mine: mine.map(presentSticker),
  };
}
