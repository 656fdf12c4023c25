import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { newId, now } from '../../ids.ts';
import { sha256File } from '../../media/hash.ts';
import { renderSvgSticker } from '../../media/stickers.ts';
import type { Services } from '../../services.ts';
import type { Database } from '../../store/tables.ts';

/** The built-in pack's id: fixed, so several nodes starting at once make it once. */
export const builtinPackId = 'parley';

/** assets/stickers (CC0, drawn for Parley; see its README), in the pack's order, with keywords. */
const assets = fileURLToPath(new URL('../../../assets/stickers/', import.meta.url));
export const defaultStickers = [
  { file: 'smile.svg', emoji: '🙂' },
  { file: 'thumbs-up.svg', emoji: '👍' },
  { file: 'heart.svg', emoji: '❤️' },
  { file: 'laughing.svg', emoji: '😂' },
  { file: 'party.svg', emoji: '🎉' },
  { file: 'thank-you.svg', emoji: '🙏' },
  { file: 'ok.svg', emoji: '👌' },
  { file: 'good-night.svg', emoji: '🌙' },
] as const;

const size = 256;

type Rendered = Awaited<ReturnType<typeof renderSvgSticker>>;
/** Rendered once per process: test runs and benchmarks start many nodes. */
let rendered: Promise<Rendered[]> | undefined;

/**
 * Makes the built-in sticker pack "Parley" on a server that has none: each SVG rendered to a
 * 256 px WebP and stored as a blob. Runs at every start (app.ts), so it returns at once when
 * the pack exists; nodes starting together race on the pack's fixed id, and the one whose
 * insert does nothing stores nothing more (its blob files are the same bytes, kept once).
 */
export async function ensureDefaultStickers(
  db: Kysely<Database>,
  media: Pick<Services, 'blobs' | 'paths'>,
): Promise<void> {
  const existing = await db
    .selectFrom('sticker_packs')
    .select('id')
    .where('builtin', '=', 1)
    .executeTakeFirst();
  if (existing) return;
  rendered ??= renderAll().catch((err: unknown) => {
    rendered = undefined;
    throw err;
  });
  const images = await rendered;
  const blobs: { sha256: string; size: number }[] = [];
  for (const image of images) {
    // The blob store takes a file and moves it in; each node writes its own copy to move.
    const file = path.join(media.paths.work, `${randomUUID()}.webp`);
    await writeFile(file, image.bytes);
    try {
      const sha256 = await sha256File(file);
      await media.blobs.put(sha256, file);
      blobs.push({ sha256, size: image.bytes.length });
    } finally {
      await rm(file, { force: true });
    }
  }
  await db.transaction().execute(async (tx) => {
    const at = now();
    const made = await tx
      .insertInto('sticker_packs')
      .values({ id: builtinPackId, name: 'Parley', builtin: 1, created_by: null, created_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!made) return;
    await tx
      .insertInto('blobs')
      .values(blobs.map((b) => ({ ...b, created_at: at })))
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    await tx
      .insertInto('stickers')
      .values(
        images.map((image, i) => ({
          id: newId(),
          pack_id: builtinPackId,
          owner_id: null,
          blob_sha: blobs[i]!.sha256,
          mime: image.mime,
          width: image.width,
          height: image.height,
          animated: 0,
          emoji: defaultStickers[i]!.emoji,
          // Apart by a millisecond each: the pack lists its stickers in created_at order.
          created_at: new Date(Date.parse(at) + i).toISOString(),
        })),
      )
      .execute();
  });
}

function renderAll(): Promise<Rendered[]> {
  return Promise.all(defaultStickers.map(({ file }) => renderSvgSticker(path.join(assets, file), size)));
}
