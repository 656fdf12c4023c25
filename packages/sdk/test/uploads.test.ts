import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Upload } from '@parley/protocol';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParleyError } from '../src/index.ts';
import { signUp } from './support/people.ts';

const png = readFileSync(new URL('../../server/test/fixtures/media/picture.png', import.meta.url));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(['sqlite', 'postgres'] as const)('uploads through the SDK on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  it('uploads an image with progress, sends it, and the friend can load it', async () => {
    const alice = await signUp(server, 'alice');
    const bob = await signUp(server, 'bob');
    const request = await alice.http.friends.request(bob.auth!.user.id);
    const { friend } = await bob.http.friends.accept(request.request.id);

    const progress: number[] = [];
    const task = alice.http.uploads.start(png, {
      kind: 'image',
      name: '照片.png',
      onProgress: (sent) => progress.push(sent),
    });
    const upload = Upload.parse(await task.done);
    expect(upload).toMatchObject({ kind: 'image', name: '照片.png', mime: 'image/png', status: 'ready' });
    expect(progress.at(-1)).toBe(png.length);

    const ack = await alice.http.messages.send(friend.conversationId, {
      clientMsgId: crypto.randomUUID(),
      attachmentId: upload.id,
    });
    const page = await bob.http.messages.page(friend.conversationId);
    const shown = page.messages.find((m) => m.id === ack.id)!;
    expect(shown).toMatchObject({ kind: 'image', attachment: { id: upload.id, width: upload.width } });
    const image = await fetch(bob.http.uploads.mediaUrl(shown.attachment!.url), {
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
  });

  it('resumes an interrupted upload from where the server stopped, and the bytes arrive whole', async () => {
    const carol = await signUp(server, 'carol');
    const bytes = randomBytes(3 * 1024 * 1024);
    const chunkSize = 512 * 1024;
    let first!: ReturnType<typeof carol.http.uploads.start>;
    await new Promise<void>((resolve) => {
      first = carol.http.uploads.start(bytes, {
        kind: 'file',
        name: 'data.bin',
        chunkSize,
        onProgress: (sent) => {
          if (sent >= chunkSize * 2) resolve();
        },
      });
    });
    await first.abort();
    const url = first.url();
    expect(url).toMatch(/\/api\/v1\/uploads\//);

    const seen: number[] = [];
    const resumed = carol.http.uploads.start(bytes, {
      kind: 'file',
      name: 'data.bin',
      chunkSize,
      resumeUrl: url!,
      onProgress: (sent) => seen.push(sent),
    });
    const upload = await resumed.done;
    // It went on from what the server had, not from the start.
    expect(seen[0]).toBeGreaterThanOrEqual(chunkSize * 2);
    const download = await fetch(carol.http.uploads.mediaUrl(upload.url), {
      headers: { authorization: `Bearer ${carol.token}` },
    });
    expect(sha(new Uint8Array(await download.arrayBuffer()))).toBe(sha(bytes));
  });

  it("rejects with the server's refusal when the bytes are not what the kind needs", async () => {
    const dave = await signUp(server, 'dave');
    const task = dave.http.uploads.start(Buffer.from('just some text, not a picture'), {
      kind: 'image',
      name: 'cat.png',
    });
    const err = await task.done.then(
      () => expect.fail('expected a refusal'),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ParleyError);
    expect(err).toMatchObject({ code: 'unsupported_media_type', status: 415 });
  });
});
