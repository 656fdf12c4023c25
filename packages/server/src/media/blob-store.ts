import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../config/settings.ts';
import { openFolderBlobStore } from './folder-blob-store.ts';
import { openS3BlobStore } from './s3-blob-store.ts';
import { s3Location } from './s3-client.ts';

/**
 * Where stored files live, named by the SHA-256 of their bytes: the same bytes are kept once,
 * however many uploads they belong to. PARLEY_BLOB_STORE picks the kind: a folder (by default
 * PARLEY_DATA_DIR/blobs; in a cluster one folder on a mount every node shares) or
 * s3://bucket/prefix on any S3-compatible service. See docs/architecture.md, "Step 4: media".
 */
export interface BlobStore {
  /**
   * Moves the finished local file at `file` in as `sha256` (dropping it if that blob is
   * stored already); `file` is gone afterwards. Readers never see half a blob.
   */
  put(sha256: string, file: string): Promise<void>;
  /**
   * Bytes `start`..`end` (inclusive) of a blob, or all of it. Asynchronous so that a missing
   * blob or an unreachable service fails here, before an answer's headers are sent.
   */
  read(sha256: string, range?: { start: number; end: number }): Promise<Readable>;
  /** Its size, or null when it is not stored. */
  size(sha256: string): Promise<number | null>;
  remove(sha256: string): Promise<void>;
}

/** The blob folder when PARLEY_BLOB_STORE is a folder or unset; undefined for S3. */
export function blobFolderOf(config: Config): string | undefined {
  if (config.blobStore?.startsWith('s3://')) return undefined;
  return path.resolve(config.blobStore ?? path.join(config.dataDir, 'blobs'));
}

/** Opens the configured store; fails with a message naming the setting when it cannot be used. */
export async function createBlobStore(config: Config): Promise<BlobStore> {
  const folder = blobFolderOf(config);
  return folder ? openFolderBlobStore(folder) : openS3BlobStore(config, s3Location(config));
}
