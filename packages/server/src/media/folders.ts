import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/settings.ts';
import type { Services } from '../services.ts';
import { blobFolderOf, createBlobStore } from './blob-store.ts';
import { openFolderStaging } from './folder-upload-staging.ts';
import { s3Location } from './s3-client.ts';
import { openS3Staging } from './s3-upload-staging.ts';

/**
 * Where this node keeps media: the blob store and the upload staging that follows it (a
 * folder, possibly shared by every node, or an S3 bucket; PARLEY_BLOB_STORE), and
 * PARLEY_DATA_DIR/work, this node's own scratch space for checking and re-encoding files.
 * Fails with a message naming the setting when the store cannot be used.
 */
export async function mediaFolders(config: Config): Promise<Pick<Services, 'blobs' | 'paths' | 'staging'>> {
  const dataDir = path.resolve(config.dataDir);
  const paths = { work: path.join(dataDir, 'work') };
  await mkdir(paths.work, { recursive: true });
  const blobs = await createBlobStore(config);
  const folder = blobFolderOf(config);
  // Before, partial uploads lived in PARLEY_DATA_DIR/uploads on each node; a folder store
  // adopts what is left there. (Switching to S3 leaves them: those uploads start over.)
  const staging = folder
    ? await openFolderStaging(path.join(folder, '.partial'), path.join(dataDir, 'uploads'))
    : openS3Staging(config, s3Location(config), paths.work);
  return { blobs, paths, staging };
}
