import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where stored files live, named by the SHA-256 of their bytes: the same bytes are kept once,
 * however many uploads they belong to. A local folder by default; storage shared by several
 * nodes (S3-like) comes with the cluster step behind the same interface.
 */
export interface BlobStore {
  /** Moves the finished file at `file` in as `sha256` (dropping it if that blob is stored already). */
  put(sha256: string, file: string): Promise<void>;
  /** Bytes `start`..`end` (inclusive) of a blob, or all of it. */
  read(sha256: string, range?: { start: number; end: number }): Readable;
  /** Its size, or null when it is not stored. */
  size(sha256: string): Promise<number | null>;
  remove(sha256: string): Promise<void>;
}

const shaPattern = /^[0-9a-f]{64}$/;

/** Blobs under `root`, in two levels of folders (ab/cd/abcd…) so no folder grows huge. */
export function createLocalBlobStore(root: string): BlobStore {
  const pathOf = (sha256: string) => {
    // The name is ours (a hash we computed), but a path is never built from anything else.
    if (!shaPattern.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  return {
    async put(sha256, file) {
      const target = pathOf(sha256);
      if ((await stat(target).catch(() => null)) !== null) {
        await rm(file, { force: true });
        return;
      }
      await mkdir(path.dirname(target), { recursive: true });
      // Same file system (both under PARLEY_DATA_DIR): the rename is atomic, so a reader never
      // sees half a blob, and a crash leaves either the temp file or the whole blob.
      await rename(file, target);
    },
    read(sha256, range) {
      return createReadStream(pathOf(sha256), range ?? {});
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
