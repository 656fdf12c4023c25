import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/** The settings that point a node at a TestS3 bucket (PARLEY_BLOB_STORE and PARLEY_S3_*). */
export interface S3Settings {
  blobStore: string;
  s3Endpoint: string;
  s3AccessKeyId: string;
  s3SecretAccessKey: string;
  s3ForcePathStyle: boolean;
}

export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** Settings for a blob store at s3://bucket/prefix. */
  settings(prefix: string): S3Settings;
  /** Every key in the bucket under `prefix`, sorted. */
  keys(prefix: string): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * An S3-compatible server (s3rver 3.7, files in a temporary folder) on a loopback port, with
 * one bucket. s3rver has no ListParts and no AbortMultipartUpload (GET and DELETE on
 * `?uploadId=` answer 405 MethodNotAllowed), and @tus/s3-store calls ListParts on every HEAD
 * and PATCH. A middleware ahead of s3rver's routes answers those two from s3rver's own record
 * of a multipart upload (`<bucket>/._S3rver_uploads/<uploadId>/<part>` and `<part>.md5`),
 * the way S3 does, NoSuchUpload included. And s3rver reads `Range: bytes=0-0` as the whole
 * object (its store takes an end of 0 for "to the end"); S3 sends the first byte, and so
 * does a second middleware. Everything else is s3rver's.
 */
export async function startTestS3(bucket = 'parley-test'): Promise<TestS3> {
  const directory = mkdtempSync(path.join(tmpdir(), 'parley-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  server.middleware.unshift(multipartShim(server), firstByteFix(server));
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  return {
    endpoint,
    bucket,
    settings: (prefix) => ({
      blobStore: `s3://${bucket}/${prefix}`,
      s3Endpoint: endpoint,
      s3AccessKeyId: credentials.accessKeyId,
      s3SecretAccessKey: credentials.secretAccessKey,
      s3ForcePathStyle: true,
    }),
    async keys(prefix) {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
      return (listed.Contents ?? []).map((o) => o.Key!).sort();
    },
    async stop() {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

type Context = Parameters<S3rver['middleware'][number]>[0];

function firstByteFix(server: S3rver) {
  return async (ctx: Context, next: () => Promise<void>) => {
    await next();
    if (ctx.method !== 'GET' || ctx.headers.range !== 'bytes=0-0' || ctx.status !== 206) return;
    const [, bucket, ...key] = ctx.path.split('/').map(decodeURIComponent);
    const object = server.store.getResourcePath(bucket!, key.join('/'), 'object');
    (ctx.body as Readable).destroy();
    ctx.body = createReadStream(object, { start: 0, end: 0 });
    ctx.length = 1;
    ctx.set('content-range', `bytes 0-0/${(await stat(object)).size}`);
  };
}

function multipartShim(server: S3rver) {
  return async (ctx: Context, next: () => Promise<void>) => {
    const uploadId = ctx.query.uploadId;
    const [, bucket, ...key] = ctx.path.split('/').map(decodeURIComponent);
    const partCall = ctx.query.partNumber === undefined && (ctx.method === 'GET' || ctx.method === 'DELETE');
    if (typeof uploadId !== 'string' || !bucket || key.length === 0 || !partCall) return next();
    const dir = path.join(server.store.getResourcePath(bucket, undefined, 'uploads'), uploadId);
    if (!/^[0-9a-f]+$/.test(uploadId) || !(await stat(dir).catch(() => null))) {
      ctx.status = 404;
      ctx.type = 'application/xml';
      ctx.body = `<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>`;
      return;
    }
    if (ctx.method === 'DELETE') {
      await rm(dir, { recursive: true, force: true });
      ctx.status = 204;
      return;
    }
    const numbers = (await readdir(dir)).filter((n) => /^\d+$/.test(n)).map(Number);
    const parts = await Promise.all(
      numbers
        .sort((a, b) => a - b)
        .map(async (n) => {
          const [{ size }, md5] = await Promise.all([
            stat(path.join(dir, String(n))),
            readFile(path.join(dir, `${n}.md5`), 'utf8'),
          ]);
          return `<Part><PartNumber>${n}</PartNumber><ETag>"${md5}"</ETag><Size>${size}</Size></Part>`;
        }),
    );
    ctx.type = 'application/xml';
    ctx.body =
      `<?xml version="1.0" encoding="UTF-8"?><ListPartsResult><Bucket>${bucket}</Bucket>` +
      `<UploadId>${uploadId}</UploadId><IsTruncated>false</IsTruncated>${parts.join('')}</ListPartsResult>`;
  };
}
