import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Services } from '../services.ts';
import { BlobLock } from './blob-lock.ts';
import { createLocalBlobStore } from './blob-store.ts';

/**
 * The media folders under PARLEY_DATA_DIR, all on one file system so finished files are
 * renamed into place, never copied: blobs/ (stored files), uploads/ (tus's partial uploads),
 * work/ (images being re-encoded).
 */
export async function mediaFolders(dataDir: string): Promise<Pick<Services, 'blobs' | 'blobLock' | 'paths'>> {
  const root = path.resolve(dataDir);
  const paths = { uploads: path.join(root, 'uploads'), work: path.join(root, 'work') };
  await Promise.all(
    [paths.uploads, paths.work, path.join(root, 'blobs')].map((p) => mkdir(p, { recursive: true })),
  );
  return { blobs: createLocalBlobStore(path.join(root, 'blobs')), blobLock: new BlobLock(), paths };
}
