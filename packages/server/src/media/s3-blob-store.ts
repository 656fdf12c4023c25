import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { Config } from '../config/settings.ts';
import { blobName } from './blob-name.ts';
import type { BlobStore } from './blob-store.ts';
import { type S3Location, checkBucket, s3ClientConfig, s3Key } from './s3-client.ts';

/**
 * Blobs as objects `<prefix>/ab/cd/<sha>` in an S3 bucket every node reaches. A PutObject is
 * atomic (readers see the old state or the whole object), so no temp names are needed.
 */
export async function openS3BlobStore(config: Config, location: S3Location): Promise<BlobStore> {
  const client = new S3Client(s3ClientConfig(config));
  await checkBucket(client, location, config);
  const Bucket = location.bucket;
  const keyOf = (sha256: string) => s3Key(location, blobName(sha256));
  const size = async (sha256: string): Promise<number | null> => {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket, Key: keyOf(sha256) }));
      return head.ContentLength ?? 0;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  };
  return {
    async put(sha256, file) {
      if ((await size(sha256)) === null) {
        const { size: length } = await stat(file);
        await client.send(
          new PutObjectCommand({
            Bucket,
            Key: keyOf(sha256),
            Body: createReadStream(file),
            ContentLength: length,
          }),
        );
      }
      await rm(file, { force: true });
    },
    async read(sha256, range) {
      const object = await client.send(
        new GetObjectCommand({
          Bucket,
          Key: keyOf(sha256),
          ...(range && { Range: `bytes=${range.start}-${range.end}` }),
        }),
      );
      // In Node the SDK's body is the HTTP response itself, a Readable.
      return object.Body as Readable;
    },
    size,
    async remove(sha256) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(sha256) }));
    },
  };
}

/** A 404 from S3 (HeadObject has no body, so there is no error code, only the status). */
export function isNotFound(err: unknown): boolean {
  return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;
}
