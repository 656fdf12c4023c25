import { type Kysely, sql } from 'kysely';
import type { Services } from '../../services.ts';
import { deleteUnreachableStickers } from '../../store/stickers.ts';
import type { Database } from '../../store/tables.ts';

/** An unfinished upload, or a finished one never sent, is kept this long for its owner. */
export const unsentUploadTtlMs = 24 * 3600 * 1000;

/**
 * Removes what no one can reach any more, so media does not pile up on disk forever:
 * uploads never finished or never sent within a day, uploads sent but no longer shown by any
 * message (every message showing them was recalled or deleted), and then the files of blobs
 * no upload points at. Runs on a timer (app.ts) and, for one upload, right after a recall.
 * `only` limits it to one upload (and the blobs it used).
 */
export async function sweepMedia(
  services: Services,
  { only, at = Date.now() }: { only?: string; at?: number } = {},
): Promise<{ uploads: number; blobs: number }> {
  const db = services.store.db;
  const cutoff = new Date(at - unsentUploadTtlMs).toISOString();
  const unused = await db
    .selectFrom('uploads')
    .select(['id', 'status', 'blob_sha', 'thumb_sha'])
    .$if(only !== undefined, (q) => q.where('id', '=', only!))
    .where((eb) =>
      eb.or([eb('created_at', '<', cutoff), eb.and([eb('sent', '=', 1), eb('status', '=', 'ready')])]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('message_uploads').select('upload_id').whereRef('upload_id', '=', 'uploads.id'))),
    )
    .execute();
  for (const upload of unused) {
    await db.deleteFrom('uploads').where('id', '=', upload.id).execute();
    if (upload.status === 'uploading') {
      // One unreachable partial must not stop the sweep; its row is gone, so nobody can use it.
      await services.staging
        .remove(upload.id)
        .catch((err: unknown) =>
          services.log.warn({ err, upload: upload.id }, 'could not remove a partial upload'),
        );
    }
  }
  // Personal stickers no collection keeps and no message shows (store/stickers.ts).
  if (only === undefined) await deleteUnreachableStickers(db);
  const candidates = only
    ? unused.flatMap((u) => [u.blob_sha, u.thumb_sha]).filter((sha): sha is string => sha !== null)
    : undefined;
  const blobs = await services.blobLock.run(() => removeUnusedBlobs(services, db, candidates));
  return { uploads: unused.length, blobs };
}

/** Deletes blob rows no upload, avatar, sticker or custom emoji points at (of `candidates`, or all), then their files. */
async function removeUnusedBlobs(
  services: Services,
  db: Kysely<Database>,
  candidates?: string[],
): Promise<number> {
  if (candidates?.length === 0) return 0;
  const gone = await db
    .deleteFrom('blobs')
    .$if(candidates !== undefined, (q) => q.where('sha256', 'in', candidates!))
    .where(({ not, exists, selectFrom, eb }) => {
      type Table = 'uploads' | 'users' | 'conversations' | 'stickers' | 'custom_emoji';
      const uses = (table: Table, columns: readonly string[]) =>
        exists(
          selectFrom(table)
            .select(sql.lit(1).as('one'))
            .where(
              sql<boolean>`${sql.ref('blobs.sha256')} in (${sql.join(columns.map((c) => sql.ref(`${table}.${c}`)))})`,
            ),
        );
      return eb.and([
        not(uses('uploads', ['blob_sha', 'thumb_sha'])),
        not(uses('users', ['avatar', 'avatar_small'])),
        not(uses('conversations', ['avatar', 'avatar_small'])),
        not(uses('stickers', ['blob_sha'])),
        not(uses('custom_emoji', ['blob_sha'])),
      ]);
    })
    .returning('sha256')
    .execute();
  for (const { sha256 } of gone) await services.blobs.remove(sha256);
  return gone.length;
}
