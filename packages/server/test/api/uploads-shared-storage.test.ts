import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParley } from '../../src/app.ts';
import { loadConfig } from '../../src/config/load.ts';
import { type TestServer, startTestServer } from '../../src/testing.ts';
import { befriend, people } from '../support/factories.ts';
import { type TestS3, startTestS3 } from '../support/s3.ts';
import type { Overrides } from '../support/server.ts';
import {
  createUpload,
  deleteUpload,
  download,
  filesUnder,
  headUpload,
  patchUpload,
  sendAttachment,
  uniquePng,
} from '../support/uploads.ts';

const MiB = 1024 * 1024;

/**
 * Two nodes of one cluster (one PostgreSQL database) with the same blob store: an S3 bucket,
 * or a folder as a network mount shared by every node would be. A client's requests may land
 * on either node, so an upload begun on one must go on, and end, on the other.
 */
describe.each(['s3', 'folder'] as const)('uploads on two nodes sharing a %s blob store', (kind) => {
  let s3: TestS3 | undefined;
  let folder: string | undefined;
  let alpha: TestServer;
  let beta: TestServer;
  /** What is left of partial uploads in the shared store. */
  const partials = async () => (s3 ? s3.keys('shared/partial/') : filesUnder(path.join(folder!, '.partial')));

  beforeAll(async () => {
    let settings: Overrides;
    if (kind === 's3') {
      s3 = await startTestS3();
      settings = s3.settings('shared');
    } else {
      folder = mkdtempSync(path.join(tmpdir(), 'parley-shared-blobs-'));
      settings = { blobStore: folder };
    }
    alpha = await startTestServer('postgres', settings);
    const databaseUrl = alpha.parley.services.config.databaseUrl;
    beta = await startTestServer('postgres', { ...settings, databaseUrl });
  });
  afterAll(async () => {
    await beta?.close();
    await alpha?.close();
    await s3?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** alice and bob, friends, and their conversation. */
  async function cast() {
    const [alice, bob] = await people(alpha, 'alice', 'bob');
    const [withBob] = await befriend(alpha, alice, bob);
    return { alice, bob, chat: withBob.conversationId as string };
  }

  it('finishes on one node an image begun on the other, and both nodes serve it', async () => {
    const { alice, bob, chat } = await cast();
    const png = await uniquePng(64, 48);
    const half = Math.floor(png.length / 2);
    const created = await createUpload(alpha, alice, {
      kind: 'image',
      filename: 'cat.png',
      length: png.length,
    });
    expect(created.status, created.text).toBe(201);
    const location = created.headers.get('location')!;
    expect((await patchUpload(alpha, alice, location, 0, png.subarray(0, half))).status).toBe(204);

    const head = await headUpload(beta, alice, location);
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(half));
    const done = await patchUpload(beta, alice, location, half, png.subarray(half));
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ status: 'ready', kind: 'image', width: 64, height: 48 });
    expect(await partials()).toEqual([]);

    expect((await sendAttachment(beta, alice, chat, done.body.id)).status).toBe(201);
    const [fromAlpha, fromBeta] = await Promise.all([
      download(alpha, bob, done.body.url),
      download(beta, bob, done.body.url),
    ]);
    expect([fromAlpha.status, fromBeta.status]).toEqual([200, 200]);
    expect(fromAlpha.bytes.length).toBe(done.body.size);
    expect(fromBeta.bytes.equals(fromAlpha.bytes)).toBe(true);
    const thumbnails = await Promise.all([alpha, beta].map((s) => download(s, bob, done.body.thumbnailUrl)));
    expect(thumbnails.map((t) => t.status)).toEqual([200, 200]);
    expect(thumbnails[0]!.bytes.equals(thumbnails[1]!.bytes)).toBe(true);
  });

  it('resumes a large file on the other node and serves it whole and in ranges from both', async () => {
    const { alice, bob, chat } = await cast();
    // Over 8 MiB with a first PATCH under 5 MiB: S3 holds the start back, then takes two parts.
    const bytes = randomBytes(9 * MiB);
    const created = await createUpload(beta, alice, {
      kind: 'file',
      filename: 'big.bin',
      length: bytes.length,
    });
    const location = created.headers.get('location')!;
    expect((await patchUpload(beta, alice, location, 0, bytes.subarray(0, 3 * MiB))).status).toBe(204);
    expect((await headUpload(alpha, alice, location)).headers.get('upload-offset')).toBe(String(3 * MiB));
    const done = await patchUpload(alpha, alice, location, 3 * MiB, bytes.subarray(3 * MiB));
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ status: 'ready', kind: 'file', size: bytes.length });

    expect((await sendAttachment(alpha, alice, chat, done.body.id)).status).toBe(201);
    for (const node of [alpha, beta]) {
      const whole = await download(node, bob, done.body.url);
      expect(whole.status).toBe(200);
      expect(whole.bytes.equals(bytes)).toBe(true);
      const first = await download(node, bob, done.body.url, { range: 'bytes=0-0' });
      expect(first.status).toBe(206);
      expect(first.bytes.equals(bytes.subarray(0, 1))).toBe(true);
      const middle = await download(node, bob, done.body.url, { range: `bytes=${5 * MiB}-${5 * MiB + 99}` });
      expect(middle.status).toBe(206);
      expect(middle.headers.get('content-range')).toBe(`bytes ${5 * MiB}-${5 * MiB + 99}/${bytes.length}`);
      expect(middle.bytes.equals(bytes.subarray(5 * MiB, 5 * MiB + 100))).toBe(true);
    }
  });

  it('cancels on one node an upload begun on the other, leaving nothing behind', async () => {
    const { alice } = await cast();
    const created = await createUpload(alpha, alice, { kind: 'file', filename: 'gone.bin', length: 2 * MiB });
    const location = created.headers.get('location')!;
    expect((await patchUpload(alpha, alice, location, 0, randomBytes(MiB))).status).toBe(204);
    expect((await deleteUpload(beta, alice, location)).status).toBe(204);
    expect((await headUpload(alpha, alice, location)).status).toBe(404);
    expect(await partials()).toEqual([]);
  });
});

describe('a node whose blob store is out of reach', () => {
  it('refuses to start, naming PARLEY_BLOB_STORE and PARLEY_S3_ENDPOINT', async () => {
    const s3 = await startTestS3();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'parley-test-'));
    try {
      await s3.stop();
      const config = loadConfig(
        {},
        { dataDir, logLevel: 'silent', ...s3.settings('shared') },
        { readFile: false },
      );
      await expect(createParley(config)).rejects.toThrow(
        /PARLEY_BLOB_STORE=s3:\/\/parley-test\/shared cannot be used at PARLEY_S3_ENDPOINT=http:\/\/127\.0\.0\.1:\d+.*ECONNREFUSED/,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
