import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Moves `from` to `to` so that a reader of `to` sees nothing or the whole file, never half of
 * it. On one file system that is a rename. Across file systems (the node's own disk and a
 * blob folder on a network mount shared by every node) rename fails with EXDEV: the bytes are
 * copied to a temporary name beside `to` first, and that copy renamed into place, which is
 * atomic again because both are in the same folder. A crash leaves at most a stray temp file.
 */
export async function moveFile(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await rename(from, to);
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
  }
  const temp = path.join(path.dirname(to), `.${path.basename(to)}.${randomUUID()}.tmp`);
  try {
    await copyFile(from, temp);
    await rename(temp, to);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await rm(from, { force: true });
}
