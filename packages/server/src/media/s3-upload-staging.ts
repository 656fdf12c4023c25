import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { S3Store } from '@tus/s3-store';
import type { Config } from '../config/settings.ts';
import { isNotFound } from './s3-blob-store.ts';
import { type S3Location, s3ClientConfig, s3Key } from './s3-client.ts';
import { type UploadStaging, checkUploadId } from './upload-staging.ts';

/**
 * Partial uploads in the bucket under `<prefix>/partial/`, through @tus/s3-store: `<id>.info`
 * holds the length and metadata, the bytes go up as parts of one S3 multipart upload (a tail
 * under 5 MiB waits in `<id>.part` until more comes), and the last PATCH completes it into
 * the object `<id>`. All of it is in the bucket, so any node can continue an upload.
 * Multipart uploads nobody completes or aborts cost storage: give the bucket a lifecycle rule
 * that aborts incomplete multipart uploads after a few days (docs/deploy.md).
 */
export function openS3Staging(config: Config, location: S3Location, work: string): UploadStaging {
  const datastore = new PartialS3Store(config, location.bucket, s3Key(location, 'partial/'));
  return {
    datastore,
    where: `s3://${location.bucket}/${s3Key(location, 'partial/')}`,
    async fetch(id) {
      const file = path.join(work, `${checkUploadId(id)}.upload`);
      try {
        await pipeline(await datastore.read(id), createWriteStream(file));
      } catch (err) {
        await rm(file, { force: true });
        throw err;
      }
      return file;
    },
    remove: (id) => datastore.forget(checkUploadId(id)),
  };
}

/**
 * @tus/s3-store with every key it touches under `prefix` (it has no option for that: the
 * client gets a middleware that prefixes each request's Key), no per-node cache, and a
 * complete removal.
 */
class PartialS3Store extends S3Store {
  constructor(config: Config, bucket: string, prefix: string) {
    super({
      s3ClientConfig: { ...s3ClientConfig(config), bucket },
      // The store caches each upload's .info in this node's memory, and nothing clears an
      // entry when the upload finishes or is cancelled on another node. Reading the small
      // .info object again per request costs one GET and is never stale.
      cache: { get: async () => undefined, set: async () => {}, delete: async () => {} },
    });
    this.client.middlewareStack.add(
      (next) => (args) => {
        const input = args.input as { Key?: string; Delete?: { Objects?: { Key?: string }[] } };
        const objects = input.Delete?.Objects;
        return next({
          ...args,
          input: {
            ...input,
            ...(input.Key !== undefined && { Key: prefix + input.Key }),
            ...(objects && {
              Delete: { ...input.Delete, Objects: objects.map((o) => ({ ...o, Key: prefix + o.Key })) },
            }),
          } as typeof args.input,
        });
      },
      { step: 'initialize', name: 'parleyPartialPrefix' },
    );
  }

  /**
   * Everything of an upload, finished or not: the multipart upload (aborted), the info, the
   * held-back tail and the completed object. S3Store.remove stops short on a finished upload
   * (its multipart upload is gone) and leaves the tail behind.
   */
  async forget(id: string): Promise<void> {
    const info = await this.getMetadata(id).catch((err: unknown) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
    const uploadId = info?.['upload-id'];
    if (uploadId) {
      await this.client
        .abortMultipartUpload({ Bucket: this.bucket, Key: id, UploadId: uploadId })
        .catch((err: unknown) => {
          if (!isNotFound(err)) throw err;
        });
    }
    await this.client.deleteObjects({
      Bucket: this.bucket,
      Delete: { Objects: [id, `${id}.info`, `${id}.part`].map((Key) => ({ Key })), Quiet: true },
    });
  }
}
