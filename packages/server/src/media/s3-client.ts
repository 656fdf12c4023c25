import { HeadBucketCommand, type S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { Config } from '../config/settings.ts';

/** Where an s3:// blob store lives: the bucket, and the key prefix ('' for the whole bucket). */
export interface S3Location {
  bucket: string;
  prefix: string;
  /** The setting as given, for messages. */
  url: string;
}

/** PARLEY_BLOB_STORE=s3://bucket/prefix, already checked by the setting's schema. */
export function s3Location(config: Config): S3Location {
  const url = config.blobStore ?? '';
  const parsed = new URL(url);
  return { bucket: parsed.hostname, prefix: parsed.pathname.replace(/^\/+|\/+$/g, ''), url };
}

/** The key of `name` under the location's prefix. */
export function s3Key(location: S3Location, name: string): string {
  return location.prefix ? `${location.prefix}/${name}` : name;
}

/** The AWS SDK's settings for the configured service (also handed to @tus/s3-store). */
export function s3ClientConfig(config: Config): S3ClientConfig {
  return {
    region: config.s3Region,
    ...(config.s3Endpoint !== undefined && { endpoint: config.s3Endpoint }),
    forcePathStyle: config.s3ForcePathStyle,
    ...(config.s3AccessKeyId !== undefined &&
      config.s3SecretAccessKey !== undefined && {
        credentials: { accessKeyId: config.s3AccessKeyId, secretAccessKey: config.s3SecretAccessKey },
      }),
    // Checksums only where S3 demands them. The SDK's default since 2025 sends streamed bodies
    // aws-chunked with a trailing CRC32, which many S3-compatible services (older MinIO and
    // Ceph, s3rver in the tests) store verbatim, framing and all: the blob would be corrupt.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A service that does not answer fails the start (and requests) instead of hanging them.
    requestHandler: { connectionTimeout: 10_000 },
  };
}

/**
 * Checks at start that the bucket is there and these credentials reach it, so a wrong setting
 * stops the node with a message naming it rather than failing every upload later.
 */
export async function checkBucket(client: S3Client, location: S3Location, config: Config): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: location.bucket }));
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const why =
      status === 404
        ? `there is no bucket "${location.bucket}"`
        : status === 403 || status === 401
          ? 'access denied (check PARLEY_S3_ACCESS_KEY_ID and PARLEY_S3_SECRET_ACCESS_KEY)'
          : (err as Error).message || String(err);
    const where = config.s3Endpoint
      ? `PARLEY_S3_ENDPOINT=${config.s3Endpoint}`
      : 'Amazon S3 (PARLEY_S3_ENDPOINT unset)';
    throw new Error(`PARLEY_BLOB_STORE=${location.url} cannot be used at ${where}: ${why}`, { cause: err });
  }
}
