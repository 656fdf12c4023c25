import { mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { blobName } from './blob-name.ts';
import type { BlobStore } from './blob-store.ts';
import { moveFile } from './move-file.ts';

/**
 * Blobs as files under `root` (root/ab/cd/abcd…). `root` may be on another file system than
 * the files put in (a network mount shared by every node): moveFile copies then renames.
 */
export async function openFolderBlobStore(root: string): Promise<BlobStore> {
  await mkdir(root, { recursive: true }).catch((err: Error) => {
    throw new Error(`PARLEY_BLOB_STORE: cannot use the folder ${root}: ${err.message}`);
  });
  const pathOf = (sha256: string) => path.join(root, ...blobName(sha256).split('/'));
  return {
    async put(sha256, file) {
      const target = pathOf(sha256);
      if ((await stat(target).catch(() => null)) !== null) {
        await rm(file, { force: true });
        return;
      }
      await moveFile(file, target);
    },
    async read(sha256, range) {
      const handle = await open(pathOf(sha256));
      return handle.createReadStream(range ?? {});
    },
    async size(sha256) {
      const info = await stat(pathOf(sha256)).catch(() => null);
      return info ? info.size : null;
    },
    async remove(sha256) {
      await rm(pathOf(sha256), { force: true });
    },
  };
}
