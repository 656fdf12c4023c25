import { Id } from '@parley/protocol';
import type { DataStore } from '@tus/server';

/**
 * Where tus keeps an upload's bytes while they arrive. It follows the blob store, so it is
 * shared by every node: an upload started on one node can be resumed (HEAD, PATCH) and
 * finished on any other. A blob folder gets a `.partial` folder inside it (tus's FileStore);
 * an s3:// store gets `<prefix>/partial/` in the same bucket (@tus/s3-store, one multipart
 * upload per upload). Checking and processing the bytes stays on local disk (paths.work).
 * media/folders.ts picks one.
 */
export interface UploadStaging {
  /** tus's store: creates uploads, writes PATCHes at their offsets, answers HEAD. */
  datastore: DataStore;
  /** Where the partial uploads are (a folder or an s3:// URL), for messages and tests. */
  where: string;
  /**
   * A finished upload's bytes as a local file to examine and store: the partial file itself
   * in a folder, a download into `work` from S3. The caller may move or delete it.
   */
  fetch(id: string): Promise<string>;
  /** Forgets an upload: its bytes and tus's record of it (nothing happens if they are gone). */
  remove(id: string): Promise<void>;
}

/** Upload ids are ours (ids.ts newId); a path or key is never built from anything else. */
export function checkUploadId(id: string): string {
  if (!Id.safeParse(id).success) throw new Error(`not an upload id: ${id}`);
  return id;
}
