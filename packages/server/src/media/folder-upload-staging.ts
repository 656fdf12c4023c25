import { mkdir, readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { moveFile } from './move-file.ts';
import { type UploadStaging, checkUploadId } from './upload-staging.ts';

/**
 * Partial uploads as files in `folder` (tus's FileStore: `<id>` holds the bytes, `<id>.json`
 * the length and metadata). Both are read afresh on every request, so any node sharing the
 * folder can continue an upload. Beside the blobs, on the same file system, so a finished
 * file is renamed into the blob store rather than copied.
 */
export async function openFolderStaging(folder: string, previous: string): Promise<UploadStaging> {
  await mkdir(folder, { recursive: true });
  await adoptPartials(previous, folder);
  const datastore = new FileStore({ directory: folder });
  const fileOf = (id: string) => path.join(folder, checkUploadId(id));
  return {
    datastore,
    where: folder,
    async fetch(id) {
      return fileOf(id);
    },
    async remove(id) {
      const file = fileOf(id);
      await Promise.all([rm(file, { force: true }), rm(`${file}.json`, { force: true })]);
    },
  };
}

/** Unfinished uploads from before (PARLEY_DATA_DIR/uploads) move here, so they can be resumed. */
async function adoptPartials(previous: string, folder: string): Promise<void> {
  const names = await readdir(previous).catch(() => null);
  if (names === null || path.resolve(previous) === path.resolve(folder)) return;
  for (const name of names) await moveFile(path.join(previous, name), path.join(folder, name));
  await rmdir(previous).catch(() => {});
}
