import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import * as tus from 'tus-js-client';
import { expect } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import type { Person } from './factories.ts';
import { type ApiResponse, api } from './http.ts';

/** A person (their first session) or a bare bearer token. */
export type Who = Person | string;
const tokenOf = (who: Who) => (typeof who === 'string' ? who : who.token);

export const tusHeaders = { 'tus-resumable': '1.0.0' } as const;

/** tus Upload-Metadata: `key base64,key base64`. */
export function tusMetadata(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([key, value]) => `${key} ${Buffer.from(value, 'utf8').toString('base64')}`)
    .join(',');
}

export interface CreateOptions {
  kind: string;
  filename: string;
  /** Upload-Length. */
  length: number;
}

/** tus creation (POST /api/v1/uploads); the answer's Location is the upload's URL (a path). */
export function createUpload(
  server: TestServer,
  who: Who | null,
  options: CreateOptions,
): Promise<ApiResponse> {
  return api(server, 'POST', '/uploads', {
    ...(who !== null && { token: tokenOf(who) }),
    headers: {
      ...tusHeaders,
      'upload-length': String(options.length),
      'upload-metadata': tusMetadata({ kind: options.kind, filename: options.filename }),
    },
  });
}

/** One tus PATCH of `bytes` at `offset`. */
export function patchUpload(
  server: TestServer,
  who: Who | null,
  location: string,
  offset: number,
  bytes: Uint8Array,
): Promise<ApiResponse> {
  return api(server, 'PATCH', location, {
    ...(who !== null && { token: tokenOf(who) }),
    headers: {
      ...tusHeaders,
      'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream',
    },
    raw: bytes,
  });
}

/** tus HEAD: how many bytes the server has (`Upload-Offset`). */
export function headUpload(server: TestServer, who: Who | null, location: string): Promise<ApiResponse> {
  return api(server, 'HEAD', location, {
    ...(who !== null && { token: tokenOf(who) }),
    headers: { ...tusHeaders },
  });
}

/** tus termination: cancels an unfinished upload. */
export function deleteUpload(server: TestServer, who: Who | null, location: string): Promise<ApiResponse> {
  return api(server, 'DELETE', location, {
    ...(who !== null && { token: tokenOf(who) }),
    headers: { ...tusHeaders },
  });
}

export interface UploadSpec {
  kind: string;
  filename: string;
  /** The bytes, or a file to read them from. */
  bytes?: Uint8Array;
  path?: string;
  /** Bytes per PATCH; the whole file in one by default. */
  chunkSize?: number;
}

export interface Uploaded extends ApiResponse {
  /** The upload's URL from the creation answer (null if creation was refused). */
  location: string | null;
  /** The bytes that were sent. */
  bytes: Buffer;
}

/**
 * Uploads the whole file over tus as a client would: creates the upload, then PATCHes it in
 * chunks. Returns the last answer: the refused creation, a refused chunk, or the final PATCH
 * (200 with the Upload, or the refusal of the finished bytes).
 */
export async function uploadFile(server: TestServer, who: Who, spec: UploadSpec): Promise<Uploaded> {
  const bytes = Buffer.from(spec.bytes ?? readFileSync(spec.path!));
  const created = await createUpload(server, who, {
    kind: spec.kind,
    filename: spec.filename,
    length: bytes.length,
  });
  if (created.status !== 201) return { ...created, location: null, bytes };
  const location = created.headers.get('location')!;
  expect(location).toMatch(/^\/api\/v1\/uploads\/[0-9a-f-]{36}$/);
  const chunk = spec.chunkSize ?? bytes.length;
  let offset = 0;
  for (;;) {
    const part = bytes.subarray(offset, Math.min(offset + chunk, bytes.length));
    const res = await patchUpload(server, who, location, offset, part);
    offset += part.length;
    if (res.status !== 204 || offset >= bytes.length) return { ...res, location, bytes };
    expect(res.headers.get('upload-offset')).toBe(String(offset));
  }
}

/** Uploads and expects it to be accepted; returns the Upload. */
export async function uploadReady(server: TestServer, who: Who, spec: UploadSpec) {
  const res = await uploadFile(server, who, spec);
  expect(res.status, `upload ${spec.filename}: ${res.text}`).toBe(200);
  expect(res.body).toMatchObject({ status: 'ready', kind: spec.kind });
  return res.body;
}

export interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** The parsed JSON body when it is JSON (error answers), else null. */
  body: ApiResponse['body'];
  /** As an ApiResponse, for expectError. */
  asApi: ApiResponse;
}

/** GET (or another method) of a media URL (`/media/…`) with the bearer token, or none (null). */
export async function download(
  server: TestServer,
  who: Who | null,
  url: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Download> {
  const all: Record<string, string> = { ...headers };
  if (who !== null) all.authorization = `Bearer ${tokenOf(who)}`;
  const res = await fetch(`${server.url}${url}`, { method, headers: all });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  let body: ApiResponse['body'] = null;
  if (res.headers.get('content-type')?.startsWith('application/json')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    body,
    asApi: { status: res.status, headers: res.headers, body, text },
  };
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every file (not folder) under `dir`, as paths relative to it; [] if it does not exist. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** The node's data folder and the media folders in it. */
export function mediaDirs(server: TestServer) {
  const dataDir = path.resolve(server.parley.services.config.dataDir);
  return {
    dataDir,
    blobs: path.join(dataDir, 'blobs'),
    /** The upload staging when it is a folder (the default: blobs/.partial). */
    uploads: server.parley.services.staging.where,
    work: server.parley.services.paths.work,
  };
}

/** Where the blob store keeps the bytes of `sha`: blobs/ab/cd/abcd…. */
export function blobPath(server: TestServer, sha: string): string {
  return path.join(mediaDirs(server).blobs, sha.slice(0, 2), sha.slice(2, 4), sha);
}

/** The SHA-256 an answer's ETag names (`"<sha>"`). */
export function shaOfEtag(etag: string | null): string {
  expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
  return etag!.slice(1, -1);
}

/** A PNG no other test uploads (random pixels), so its blob is this test's alone. */
export function uniquePng(width = 8, height = 8): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** Sends a message showing `attachmentId` (with optional caption) over REST. */
export function sendAttachment(
  server: TestServer,
  who: Who,
  conversationId: string,
  attachmentId: string,
  text?: string,
): Promise<ApiResponse> {
  return api(server, 'POST', `/conversations/${conversationId}/messages`, {
    token: tokenOf(who),
    json: { clientMsgId: randomUUID(), attachmentId, ...(text !== undefined && { text }) },
  });
}

export interface TusClientOptions {
  kind: string;
  filename: string;
  chunkSize?: number;
  /** Resume the upload at this URL instead of creating one. */
  uploadUrl?: string;
  /** Called after each chunk the server accepted; return true to stop (abort) the upload there. */
  stopAfter?: (bytesAccepted: number) => boolean;
}

export interface TusClientResult {
  /** 'done' with the final answer's body, 'stopped' when stopAfter stopped it, or 'failed'. */
  outcome: 'done' | 'stopped' | 'failed';
  url: string | null;
  body: ApiResponse['body'];
  status: number | null;
  /** bytesAccepted after each chunk, in order. */
  chunks: number[];
}

/** Uploads with tus-js-client, the library the SDK (and so every client) uses. */
export async function tusClientUpload(
  server: TestServer,
  who: Who,
  bytes: Buffer,
  options: TusClientOptions,
): Promise<TusClientResult> {
  const chunks: number[] = [];
  return new Promise((resolve) => {
    const upload: tus.Upload = new tus.Upload(bytes, {
      endpoint: `${server.url}/api/v1/uploads`,
      ...(options.uploadUrl !== undefined && { uploadUrl: options.uploadUrl }),
      ...(options.chunkSize !== undefined && { chunkSize: options.chunkSize }),
      headers: { authorization: `Bearer ${tokenOf(who)}` },
      metadata: { kind: options.kind, filename: options.filename },
      retryDelays: null,
      onChunkComplete: (_size, accepted, total) => {
        chunks.push(accepted);
        if (accepted < total && options.stopAfter?.(accepted)) {
          void upload
            .abort()
            .then(() => resolve({ outcome: 'stopped', url: upload.url, body: null, status: null, chunks }));
        }
      },
      onSuccess: ({ lastResponse }) => {
        const text = lastResponse.getBody() as string;
        resolve({
          outcome: 'done',
          url: upload.url,
          body: text ? JSON.parse(text) : null,
          status: lastResponse.getStatus(),
          chunks,
        });
      },
      onError: (err) => {
        const response = 'originalResponse' in err ? err.originalResponse : null;
        const text = response?.getBody() as string | undefined;
        let body: ApiResponse['body'] = text ?? null;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          // not JSON
        }
        resolve({ outcome: 'failed', url: upload.url, body, status: response?.getStatus() ?? null, chunks });
      },
    });
    upload.start();
  });
}

/**
 * A refusal from the tus routes: the status, Parley's error body `{ error: { code, message,
 * field? } }` and nothing more. The Content-Type of these answers is checked by a test of its
 * own (uploads.test.ts), so that one wrong header does not hide every other check.
 */
export function expectRefusal(res: ApiResponse, status: number, code: string, field?: string): void {
  expect(
    { status: res.status, code: res.body?.error?.code },
    `answer was ${res.status} ${res.text.slice(0, 300)}`,
  ).toEqual({ status, code });
  expect(Object.keys(res.body)).toEqual(['error']);
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.message.length).toBeGreaterThan(0);
  expect(res.text).not.toMatch(/\n\s+at\s|\.ts:\d+|node_modules|node:internal/);
  if (field !== undefined) expect(res.body.error.field).toBe(field);
}

export interface Disposition {
  type: string;
  /** The plain `filename=` parameter, unquoted. */
  filename: string | undefined;
  /** The RFC 8187 `filename*=UTF-8''…` parameter, decoded. */
  filenameStar: string | undefined;
}

/** Reads a Content-Disposition header (RFC 6266) the way a browser does. */
export function dispositionOf(header: string | null): Disposition {
  expect(header).not.toBeNull();
  const [type, ...params] = header!.split(/;\s*/);
  const find = (name: string) =>
    params.find((p) => p.toLowerCase().startsWith(`${name}=`))?.slice(name.length + 1);
  const plain = find('filename');
  const star = find('filename*');
  return {
    type: type!.toLowerCase(),
    filename: plain?.startsWith('"') ? plain.slice(1, -1).replace(/\\(.)/g, '$1') : plain,
    filenameStar: star === undefined ? undefined : decodeURIComponent(star.replace(/^UTF-8''/i, '')),
  };
}
