import type { StickerPack } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { newId, now } from '../../ids.ts';
import type { Services } from '../../services.ts';
import { requireAdmin } from './admin-only.ts';

/** An admin starts a server pack (public: every user sees it in GET /stickers). */
export async function createStickerPack(
  services: Services,
  actor: Actor,
  name: string,
): Promise<StickerPack> {
  requireAdmin(actor, 'create sticker packs');
  const row = { id: newId(), name, builtin: 0, created_by: actor.user.id, created_at: now() };
  await services.store.db.insertInto('sticker_packs').values(row).execute();
  return { id: row.id, name, builtin: false, stickers: [] };
}
