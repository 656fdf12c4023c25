import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { people } from '../support/factories.ts';
import { api, expectCleanError, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import {
  blobPath,
  createUpload,
  deleteUpload,
  dispositionOf,
  download,
  expectRefusal,
  filesUnder,
  headUpload,
  mediaDirs,
  patchUpload,
  sha256,
  tusClientUpload,
  tusHeaders,
  tusMetadata,
  uploadFile,
  uploadReady,
} from '../support/uploads.ts';
import {
  exifIfd0Tags,
  fixture,
  gpsPointerTag,
  useTempDir,
  writeAnimation,
  writePhotoJpeg,
  writePngBomb,
} from '../media/support.ts';

const MB = 1024 * 1024;
const read = (name: string) => readFileSync(fixture(name));

/** What is in the uploads folder for one upload: tus's bytes file and its .json. */
const leftoversOf = (server: TestServer, location: string) => {
  const id = location.split('/').pop()!;
  return filesUnder(mediaDirs(server).uploads).filter((f) => f.startsWith(id));
};

describe.each(dialects)('uploading on %s', (dialect) => {
  const server = useServer(dialect);
  const dir = useTempDir();

  it('takes an image, a file and a voice message, each described from its bytes, and gives them back', async () => {
    const [alice] = await people(server(), 'alice');

    const image = await uploadReady(server(), alice, {
      kind: 'image',
      filename: 'picture.png',
      path: fixture('picture.png'),
    });
    expect(image).toEqual({
      id: expect.any(String),
      kind: 'image',
      name: 'picture.png',
      mime: 'image/png',
      size: expect.any(Number),
      width: 16,
      height: 12,
      durationMs: null,
      animated: false,
      url: `/media/${image.id}`,
      thumbnailUrl: `/media/${image.id}/thumbnail`,
      status: 'ready',
      createdAt: expect.any(String),
    });
    const shown = await api(server(), 'GET', `/uploads/${image.id}`, { token: alice.token });
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual(image);
    const picture = await download(server(), alice, image.url);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/png');
    expect(picture.bytes.length).toBe(image.size);
    expect((await sharp(picture.bytes).metadata()).format).toBe('png');
    const thumbnail = await download(server(), alice, image.thumbnailUrl);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(thumbnail.bytes).metadata()).format).toBe('webp');

    const pdf = read('document.pdf');
    const file = await uploadReady(server(), alice, { kind: 'file', filename: 'document.pdf', bytes: pdf });
    expect(file).toMatchObject({
      kind: 'file',
      name: 'document.pdf',
      mime: 'application/pdf',
      size: pdf.length,
      width: null,
      height: null,
      durationMs: null,
      thumbnailUrl: null,
    });
    const got = await download(server(), alice, file.url);
    expect(got.status).toBe(200);
    expect(sha256(got.bytes)).toBe(sha256(pdf));
    expect(dispositionOf(got.headers.get('content-disposition'))).toMatchObject({
      type: 'attachment',
      filename: 'document.pdf',
    });
    const noThumbnail = await download(server(), alice, `${file.url}/thumbnail`);
    expect(noThumbnail.status).toBe(404);

    const voice = await uploadReady(server(), alice, {
      kind: 'voice',
      filename: 'memo.ogg',
      path: fixture('voice-2s.ogg'),
    });
    expect(voice).toMatchObject({ kind: 'voice', mime: 'audio/ogg', thumbnailUrl: null, width: null });
    expect(voice.durationMs).toBeGreaterThan(1900);
    expect(voice.durationMs).toBeLessThan(2100);
    const heard = await download(server(), alice, voice.url);
    expect(heard.headers.get('content-type')).toBe('audio/ogg');
    expect(sha256(heard.bytes)).toBe(sha256(read('voice-2s.ogg')));
  });

  it('goes by the bytes, never the name: a PNG named .pdf is a PNG, text is not an image', async () => {
    const [alice] = await people(server(), 'alice');
    const asFile = await uploadReady(server(), alice, {
      kind: 'file',
      filename: 'invoice.pdf',
      path: fixture('picture-named.pdf'),
    });
    expect(asFile).toMatchObject({ mime: 'image/png', name: 'invoice.pdf', thumbnailUrl: null });
    const served = await download(server(), alice, asFile.url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(dispositionOf(served.headers.get('content-disposition'))).toMatchObject({
      type: 'attachment',
      filename: 'invoice.pdf',
    });
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(sha256(served.bytes)).toBe(sha256(read('picture-named.pdf')));

    const asImage = await uploadReady(server(), alice, {
      kind: 'image',
      filename: 'invoice.pdf',
      path: fixture('picture-named.pdf'),
    });
    expect(asImage).toMatchObject({ mime: 'image/png', width: 16, height: 12 });
    expect(asImage.thumbnailUrl).toBe(`/media/${asImage.id}/thumbnail`);

    const text = await uploadReady(server(), alice, {
      kind: 'file',
      filename: 'notes.png',
      path: fixture('notes.txt'),
    });
    expect(text.mime).toBe('text/plain');
    const unknown = await uploadReady(server(), alice, {
      kind: 'file',
      filename: 'photo.jpg',
      path: fixture('random.bin'),
    });
    expect(unknown.mime).toBe('application/octet-stream');

    for (const [name, filename] of [
      ['notes.txt', 'notes.png'],
      ['random.bin', 'photo.jpg'],
      ['document.pdf', 'scan.png'],
    ] as const) {
      const refused = await uploadFile(server(), alice, { kind: 'image', filename, path: fixture(name) });
      expectRefusal(refused, 415, 'unsupported_media_type');
      // A refused upload is gone, bytes and all.
      expect(leftoversOf(server(), refused.location!)).toEqual([]);
      expect((await headUpload(server(), alice, refused.location!)).status).toBe(404);
    }
  });

  it('removes EXIF, GPS included, from a phone photo (and turns it upright)', async () => {
    const [alice] = await people(server(), 'alice');
    const photo = await writePhotoJpeg(path.join(dir(), 'photo.jpg'), 40, 20, 6);
    const before = await sharp(photo).metadata();
    expect(exifIfd0Tags(before.exif!)).toContain(gpsPointerTag);
    expect(readFileSync(photo).includes('Test Phone')).toBe(true);

    const image = await uploadReady(server(), alice, { kind: 'image', filename: 'photo.jpg', path: photo });
    expect(image).toMatchObject({ mime: 'image/jpeg', width: 20, height: 40 });
    const got = await download(server(), alice, image.url);
    expect(got.status).toBe(200);
    const after = await sharp(got.bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect([after.width, after.height]).toEqual([20, 40]);
    expect(got.bytes.includes('Test Phone')).toBe(false);
    expect(got.bytes.includes('Exif\0\0')).toBe(false);
    const thumbnail = await download(server(), alice, image.thumbnailUrl);
    expect((await sharp(thumbnail.bytes).metadata()).exif).toBeUndefined();
  });

  it('keeps an animated GIF animated', async () => {
    const [alice] = await people(server(), 'alice');
    const gif = await writeAnimation(path.join(dir(), 'dance.gif'), 3, 10, 10);
    const image = await uploadReady(server(), alice, { kind: 'image', filename: 'dance.gif', path: gif });
    expect(image).toMatchObject({ mime: 'image/gif', animated: true, width: 10, height: 10 });
    const got = await download(server(), alice, image.url);
    expect(got.headers.get('content-type')).toBe('image/gif');
    expect((await sharp(got.bytes, { animated: true }).metadata()).pages).toBe(3);

    const still = await uploadReady(server(), alice, {
      kind: 'image',
      filename: 'still.gif',
      path: fixture('picture.gif'),
    });
    expect(still.animated).toBe(false);
  });

  it('refuses a decompression bomb with 413 and keeps nothing of it', async () => {
    const [alice] = await people(server(), 'alice');
    const dirs = mediaDirs(server());
    const blobsBefore = filesUnder(dirs.blobs).length;
    // 8000×8000 = 64 M pixels (the limit is 50 M) in a few kilobytes.
    const bomb = await writePngBomb(path.join(dir(), 'bomb.png'), 8000, 8000);
    expect(readFileSync(bomb).length).toBeLessThan(100_000);

    const refused = await uploadFile(server(), alice, { kind: 'image', filename: 'bomb.png', path: bomb });
    expectRefusal(refused, 413, 'too_large');
    expect(leftoversOf(server(), refused.location!)).toEqual([]);
    expect(filesUnder(dirs.work)).toEqual([]);
    expect(filesUnder(dirs.blobs).length).toBe(blobsBefore);
    const id = refused.location!.split('/').pop();
    expectError(await api(server(), 'GET', `/uploads/${id}`, { token: alice.token }), 404, 'not_found');
  });

  it('refuses SVG as an image (415) but takes it as a file, served only as a sandboxed download', async () => {
    const [alice] = await people(server(), 'alice');
    const svg = read('drawing.svg');
    expectRefusal(
      await uploadFile(server(), alice, { kind: 'image', filename: 'drawing.svg', bytes: svg }),
      415,
      'unsupported_media_type',
    );
    const file = await uploadReady(server(), alice, { kind: 'file', filename: 'drawing.svg', bytes: svg });
    expect(file).toMatchObject({ mime: 'image/svg+xml', thumbnailUrl: null, width: null });
    const got = await download(server(), alice, file.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/svg+xml');
    expect(dispositionOf(got.headers.get('content-disposition')).type).toBe('attachment');
    expect(got.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(sha256(got.bytes)).toBe(sha256(svg));
  });

  it('reads the length of Opus voice in Ogg, WebM and MediaRecorder-shaped WebM', async () => {
    const [alice] = await people(server(), 'alice');
    for (const [name, mime] of [
      ['voice-2s.ogg', 'audio/ogg'],
      ['voice-2s.webm', 'audio/webm'],
      ['voice-2s-mediarecorder.webm', 'audio/webm'],
    ] as const) {
      const voice = await uploadReady(server(), alice, {
        kind: 'voice',
        filename: name,
        path: fixture(name),
      });
      expect(voice.mime, name).toBe(mime);
      expect(Math.abs(voice.durationMs - 2000), `${name}: ${voice.durationMs} ms`).toBeLessThan(100);
      const got = await download(server(), alice, voice.url);
      expect(got.headers.get('content-type')).toBe(mime);
      expect(dispositionOf(got.headers.get('content-disposition')).type).toBe('inline');
      expect(sha256(got.bytes)).toBe(sha256(read(name)));
    }
  });

  it('refuses voice longer than 60 s (413) and audio that is not Opus (415)', async () => {
    const [alice] = await people(server(), 'alice');
    const long = await uploadFile(server(), alice, {
      kind: 'voice',
      filename: 'long.ogg',
      path: fixture('voice-65s.ogg'),
    });
    expectRefusal(long, 413, 'too_large');
    expect(leftoversOf(server(), long.location!)).toEqual([]);
    for (const name of ['vorbis-1s.ogg', 'tone-1s.mp3', 'video-opus.webm', 'notes.txt']) {
      const refused = await uploadFile(server(), alice, {
        kind: 'voice',
        filename: name,
        path: fixture(name),
      });
      expect(refused.status, name).toBe(415);
      expectRefusal(refused, 415, 'unsupported_media_type');
    }
    // As files they are fine.
    const asFile = await uploadReady(server(), alice, {
      kind: 'file',
      filename: 'long.ogg',
      path: fixture('voice-65s.ogg'),
    });
    expect(asFile.durationMs).toBeNull();
  });

  it('asks for a session: no token, 401', async () => {
    const [alice] = await people(server(), 'alice');
    const created = await createUpload(server(), null, { kind: 'file', filename: 'a.txt', length: 10 });
    expectRefusal(created, 401, 'unauthenticated');
    expect(created.headers.get('location')).toBeNull();

    const mine = await createUpload(server(), alice, { kind: 'file', filename: 'a.txt', length: 10 });
    expect(mine.status).toBe(201);
    const location = mine.headers.get('location')!;
    expectRefusal(
      await patchUpload(server(), null, location, 0, Buffer.from('0123456789')),
      401,
      'unauthenticated',
    );
    expect((await headUpload(server(), null, location)).status).toBe(401);
    expectRefusal(await deleteUpload(server(), null, location), 401, 'unauthenticated');
    expectError(await api(server(), 'GET', location), 401, 'unauthenticated');
    expectRefusal(
      await createUpload(server(), 'not-a-real-token', { kind: 'file', filename: 'a', length: 1 }),
      401,
      'unauthenticated',
    );
    // Untouched: alice can still finish it.
    expect((await headUpload(server(), alice, location)).headers.get('upload-offset')).toBe('0');
    const done = await patchUpload(server(), alice, location, 0, Buffer.from('0123456789'));
    expect(done.status).toBe(200);
  });

  it("keeps my upload mine: someone else's PATCH, HEAD, DELETE and GET get 404", async () => {
    const [alice, mallory] = await people(server(), 'alice', 'mallory');
    const bytes = randomBytes(2000);
    const created = await createUpload(server(), alice, {
      kind: 'file',
      filename: 'secret.bin',
      length: bytes.length,
    });
    const location = created.headers.get('location')!;
    expect((await patchUpload(server(), alice, location, 0, bytes.subarray(0, 1000))).status).toBe(204);

    expectRefusal(await patchUpload(server(), mallory, location, 1000, randomBytes(1000)), 404, 'not_found');
    expect((await headUpload(server(), mallory, location)).status).toBe(404);
    expectRefusal(await deleteUpload(server(), mallory, location), 404, 'not_found');
    expectError(await api(server(), 'GET', location, { token: mallory.token }), 404, 'not_found');
    // Same answer as for an upload that does not exist.
    const nowhere = `/api/v1/uploads/${randomUUID()}`;
    expect((await headUpload(server(), mallory, nowhere)).status).toBe(404);
    expectError(await api(server(), 'GET', nowhere, { token: mallory.token }), 404, 'not_found');

    expect((await headUpload(server(), alice, location)).headers.get('upload-offset')).toBe('1000');
    const done = await patchUpload(server(), alice, location, 1000, bytes.subarray(1000));
    expect(done.status).toBe(200);
    expect(sha256((await download(server(), alice, done.body.url)).bytes)).toBe(sha256(bytes));
    // Finished: mallory still sees nothing; the media itself is not hers either.
    expect((await headUpload(server(), mallory, location)).status).toBe(404);
    expect((await download(server(), mallory, done.body.url)).status).toBe(404);
    // A finished upload takes no more bytes.
    expect(
      (await patchUpload(server(), alice, location, 2000, randomBytes(1))).status,
    ).toBeGreaterThanOrEqual(400);
  });

  it('answers on the tus routes in JSON like every other route: the Upload, and refusals as error bodies', async () => {
    const [alice, mallory] = await people(server(), 'alice', 'mallory');
    const done = await uploadFile(server(), alice, {
      kind: 'file',
      filename: 'n.txt',
      path: fixture('notes.txt'),
    });
    expect(done.status).toBe(200);
    expect(done.headers.get('content-type')).toMatch(/^application\/json/);

    // Refused by Parley: the bytes (415), the declared size (413), not mine (404), no session (401).
    expectError(
      await uploadFile(server(), alice, { kind: 'image', filename: 'n.png', path: fixture('notes.txt') }),
      415,
      'unsupported_media_type',
    );
    expectError(
      await createUpload(server(), alice, { kind: 'image', filename: 'a.png', length: 1024 * MB }),
      413,
      'too_large',
      'Upload-Length',
    );
    const created = await createUpload(server(), alice, { kind: 'file', filename: 'a.bin', length: 10 });
    const location = created.headers.get('location')!;
    expectError(await patchUpload(server(), mallory, location, 0, randomBytes(10)), 404, 'not_found');
    expectError(
      await createUpload(server(), null, { kind: 'file', filename: 'a.bin', length: 10 }),
      401,
      'unauthenticated',
    );
    // Refused by tus itself: a wrong offset (409).
    const wrongOffset = await patchUpload(server(), alice, location, 5, randomBytes(5));
    expect(wrongOffset.status).toBe(409);
    expectCleanError(wrongOffset);
  });

  it("refuses a request that does not speak tus 1.0.0 (no Tus-Resumable) with 412 and Parley's error body", async () => {
    const [alice] = await people(server(), 'alice');
    const noVersion = await api(server(), 'POST', '/uploads', {
      token: alice.token,
      headers: { 'upload-length': '10', 'upload-metadata': tusMetadata({ kind: 'file', filename: 'a' }) },
    });
    expect(noVersion.status).toBe(412);
    expectCleanError(noVersion);
  });

  it('stores the same bytes once, however many upload them', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const blobs = mediaDirs(server()).blobs;
    const bytes = randomBytes(4096);
    const before = filesUnder(blobs).length;
    const first = await uploadReady(server(), alice, { kind: 'file', filename: 'a.bin', bytes });
    const second = await uploadReady(server(), bob, { kind: 'file', filename: 'b.bin', bytes });
    const third = await uploadReady(server(), alice, { kind: 'file', filename: 'c.bin', bytes });
    expect(new Set([first.id, second.id, third.id]).size).toBe(3);
    expect(filesUnder(blobs).length).toBe(before + 1);
    expect(readFileSync(blobPath(server(), sha256(bytes))).equals(bytes)).toBe(true);
    for (const [who, upload] of [
      [alice, first],
      [bob, second],
      [alice, third],
    ] as const) {
      const got = await download(server(), who, upload.url);
      expect(got.bytes.equals(bytes)).toBe(true);
    }
  });

  it('resumes an upload cut off half way, from the offset the server reports', async () => {
    const [alice] = await people(server(), 'alice');
    const bytes = randomBytes(64 * 1024);
    const half = bytes.length / 2;
    const created = await createUpload(server(), alice, {
      kind: 'file',
      filename: 'big.bin',
      length: bytes.length,
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    const first = await patchUpload(server(), alice, location, 0, bytes.subarray(0, half));
    expect(first.status).toBe(204);
    expect(first.headers.get('upload-offset')).toBe(String(half));

    const head = await headUpload(server(), alice, location);
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(half));
    expect(head.headers.get('upload-length')).toBe(String(bytes.length));
    const pending = await api(server(), 'GET', location, { token: alice.token });
    expect(pending.body).toMatchObject({ status: 'uploading', size: bytes.length });

    // Resending from the wrong offset is refused and changes nothing.
    expect((await patchUpload(server(), alice, location, 0, bytes.subarray(0, half))).status).toBe(409);
    expect((await headUpload(server(), alice, location)).headers.get('upload-offset')).toBe(String(half));

    const rest = await patchUpload(server(), alice, location, half, bytes.subarray(half));
    expect(rest.status, rest.text).toBe(200);
    expect(rest.body).toMatchObject({ status: 'ready', size: bytes.length, kind: 'file' });
    const got = await download(server(), alice, rest.body.url);
    expect(sha256(got.bytes)).toBe(sha256(bytes));
  });

  it('keeps what arrived before the connection dropped, and resumes from there', async () => {
    const [alice] = await people(server(), 'alice');
    const bytes = randomBytes(256 * 1024);
    const created = await createUpload(server(), alice, {
      kind: 'file',
      filename: 'dropped.bin',
      length: bytes.length,
    });
    const location = created.headers.get('location')!;
    const sent = 100 * 1024;
    await dropAfter(server(), alice.token, location, bytes, sent);

    let offset = -1;
    for (let i = 0; i < 50; i++) {
      const head = await headUpload(server(), alice, location);
      expect(head.status).toBe(200);
      offset = Number(head.headers.get('upload-offset'));
      if (offset === sent) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(sent);
    const rest = await patchUpload(server(), alice, location, offset, bytes.subarray(offset));
    expect(rest.status, rest.text).toBe(200);
    expect(sha256((await download(server(), alice, rest.body.url)).bytes)).toBe(sha256(bytes));
  });

  it('works with tus-js-client, stopped after a chunk and resumed from its URL', async () => {
    const [alice] = await people(server(), 'alice');
    const bytes = randomBytes(80 * 1024);
    const chunkSize = 16 * 1024;
    const progress: number[] = [];
    const stopped = await tusClientUpload(server(), alice, bytes, {
      kind: 'file',
      filename: 'client.bin',
      chunkSize,
      stopAfter: (accepted) => {
        progress.push(accepted);
        return accepted >= 2 * chunkSize;
      },
    });
    expect(stopped.outcome).toBe('stopped');
    expect(stopped.url).toMatch(/\/api\/v1\/uploads\/[0-9a-f-]{36}$/);
    const location = new URL(stopped.url!, server().url).pathname;
    expect((await headUpload(server(), alice, location)).headers.get('upload-offset')).toBe(
      String(2 * chunkSize),
    );

    const resumed = await tusClientUpload(server(), alice, bytes, {
      kind: 'file',
      filename: 'client.bin',
      chunkSize,
      uploadUrl: stopped.url!,
    });
    expect(resumed.outcome, JSON.stringify(resumed.body)).toBe('done');
    // It went on from where it stopped: its first chunk ended at the third.
    expect(resumed.chunks[0]).toBe(3 * chunkSize);
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({
      status: 'ready',
      kind: 'file',
      name: 'client.bin',
      size: bytes.length,
    });
    expect(sha256((await download(server(), alice, resumed.body.url)).bytes)).toBe(sha256(bytes));

    // And a refusal reaches the client as the server's error.
    const refused = await tusClientUpload(server(), alice, read('notes.txt'), {
      kind: 'image',
      filename: 'n.png',
    });
    expect(refused.outcome).toBe('failed');
    expect(refused.status).toBe(415);
    expect(refused.body.error.code).toBe('unsupported_media_type');
  });
});

describe.each(dialects)('upload size limits on %s', (dialect) => {
  const server = useServer(dialect, { imageMaxMb: 1, voiceMaxMb: 1, fileMaxMb: 2 });

  it('refuses an upload longer than its kind allows when it is created, before any byte', async () => {
    const [alice] = await people(server(), 'alice');
    const uploadsBefore = filesUnder(mediaDirs(server()).uploads);
    for (const [kind, max] of [
      ['image', 1 * MB],
      ['voice', 1 * MB],
      ['file', 2 * MB],
    ] as const) {
      const refused = await createUpload(server(), alice, { kind, filename: `big.${kind}`, length: max + 1 });
      expectRefusal(refused, 413, 'too_large');
      expect(refused.headers.get('location')).toBeNull();
      const fits = await createUpload(server(), alice, { kind, filename: `ok.${kind}`, length: max });
      expect(fits.status, `${kind}: ${fits.text}`).toBe(201);
      expect((await deleteUpload(server(), alice, fits.headers.get('location')!)).status).toBe(204);
    }
    expect(filesUnder(mediaDirs(server()).uploads)).toEqual(uploadsBefore);
  });

  it('refuses bad creations: no length, unknown kind, no name', async () => {
    const [alice] = await people(server(), 'alice');
    const deferred = await api(server(), 'POST', '/uploads', {
      token: alice.token,
      headers: {
        ...tusHeaders,
        'upload-defer-length': '1',
        'upload-metadata': `kind ${Buffer.from('file').toString('base64')},filename ${Buffer.from('a').toString('base64')}`,
      },
    });
    expect(deferred.status).toBe(400);
    expectRefusal(
      await createUpload(server(), alice, { kind: 'video', filename: 'a.mp4', length: 10 }),
      400,
      'invalid_request',
    );
    const noName = await api(server(), 'POST', '/uploads', {
      token: alice.token,
      headers: {
        ...tusHeaders,
        'upload-length': '10',
        'upload-metadata': `kind ${Buffer.from('file').toString('base64')}`,
      },
    });
    expectRefusal(noName, 400, 'invalid_request');
  });
});

describe.each(dialects)('upload quota on %s', (dialect) => {
  const server = useServer(dialect, { uploadQuotaMb: 1 });

  it('refuses the upload that would take me past my quota, and only mine', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    await uploadReady(server(), alice, { kind: 'file', filename: 'a.bin', bytes: randomBytes(700 * 1024) });
    const over = await uploadFile(server(), alice, {
      kind: 'file',
      filename: 'b.bin',
      bytes: randomBytes(400 * 1024),
    });
    expectRefusal(over, 413, 'quota_exceeded');
    expect(over.location).toBeNull();
    // What still fits, fits.
    await uploadReady(server(), alice, { kind: 'file', filename: 'c.bin', bytes: randomBytes(300 * 1024) });
    expectRefusal(
      await createUpload(server(), alice, { kind: 'file', filename: 'd.bin', length: 30 * 1024 }),
      413,
      'quota_exceeded',
    );
    // Bob has a quota of his own.
    await uploadReady(server(), bob, { kind: 'file', filename: 'b.bin', bytes: randomBytes(900 * 1024) });
  });

  it('gives the quota back when an upload is cancelled or refused', async () => {
    const [carol] = await people(server(), 'carol');
    const bytes = randomBytes(800 * 1024);
    const first = await createUpload(server(), carol, {
      kind: 'file',
      filename: 'a.bin',
      length: bytes.length,
    });
    expect(first.status).toBe(201);
    const location = first.headers.get('location')!;
    expect((await patchUpload(server(), carol, location, 0, bytes.subarray(0, 100 * 1024))).status).toBe(204);
    // Counted at its declared size while under way.
    expectRefusal(
      await createUpload(server(), carol, { kind: 'file', filename: 'b.bin', length: bytes.length }),
      413,
      'quota_exceeded',
    );

    expect((await deleteUpload(server(), carol, location)).status).toBe(204);
    expect((await headUpload(server(), carol, location)).status).toBe(404);
    expect(leftoversOf(server(), location)).toEqual([]);
    const again = await createUpload(server(), carol, {
      kind: 'image',
      filename: 'b.png',
      length: bytes.length,
    });
    expect(again.status, again.text).toBe(201);

    // Refused bytes free their quota too.
    const refused = await patchUpload(server(), carol, again.headers.get('location')!, 0, bytes);
    expectRefusal(refused, 415, 'unsupported_media_type');
    await uploadReady(server(), carol, { kind: 'file', filename: 'c.bin', bytes });
  });

  it('lets no burst of creations at once take me past my quota', async () => {
    const [dave] = await people(server(), 'dave');
    // Several bursts: the first one also opens the database connections the later ones race on.
    for (let burst = 0; burst < 3; burst++) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          createUpload(server(), dave, { kind: 'file', filename: `${i}.bin`, length: 600 * 1024 }),
        ),
      );
      const created = answers.filter((a) => a.status === 201);
      expect(answers.map((a) => a.status).filter((s) => s !== 201 && s !== 413)).toEqual([]);
      expect(created, `burst ${burst}: ${created.length} uploads of 600 KB under a 1 MB quota`).toHaveLength(
        1,
      );
      for (const a of created) await deleteUpload(server(), dave, a.headers.get('location')!);
      await waitUntilCreatable(server(), dave.token);
    }
  });
});

/**
 * A PATCH that claims the whole rest but stops after `sent` bytes and then drops the
 * connection, as a phone losing its signal would.
 */
async function dropAfter(server: TestServer, token: string, location: string, bytes: Buffer, sent: number) {
  const url = new URL(location, server.url);
  const req = http.request(url, {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${token}`,
      ...tusHeaders,
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
      'content-length': String(bytes.length),
    },
  });
  req.on('error', () => {});
  req.on('response', (res) => res.resume());
  await new Promise<void>((resolve) => req.write(bytes.subarray(0, sent), () => resolve()));
  // Give the server time to take in what was sent before the line goes dead.
  await new Promise((r) => setTimeout(r, 200));
  req.destroy();
  await new Promise((r) => setTimeout(r, 50));
}

/** After a DELETE the quota comes back; waits until a 600 KB upload can be created again (and cancels it). */
async function waitUntilCreatable(server: TestServer, token: string) {
  for (let i = 0; i < 50; i++) {
    const probe = await createUpload(server, token, {
      kind: 'file',
      filename: 'probe.bin',
      length: 600 * 1024,
    });
    if (probe.status === 201) {
      await deleteUpload(server, token, probe.headers.get('location')!);
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the quota never came back');
}
