import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Person, befriend, people } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSocket, openSockets } from '../support/socket.ts';
import {
  blobPath,
  createUpload,
  dispositionOf,
  download,
  patchUpload,
  sendAttachment,
  sha256,
  shaOfEtag,
  uniquePng,
  uploadReady,
} from '../support/uploads.ts';
import { fixture } from '../media/support.ts';

/** What a message shows of an upload: the Upload without its owner-only fields. */
const attachmentOf = (upload: Record<string, unknown>) => {
  const { status: _status, createdAt: _createdAt, ...attachment } = upload;
  return attachment;
};

describe.each(dialects)('media in messages on %s', (dialect) => {
  const server = useServer(dialect);

  /** alice and bob chat; carol is a stranger to both. */
  async function cast() {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [withBob] = await befriend(server(), alice, bob);
    return { alice, bob, carol, chat: withBob.conversationId as string };
  }

  const history = async (who: Person, conversationId: string) =>
    (await api(server(), 'GET', `/conversations/${conversationId}/messages`, { token: who.token })).body
      .messages as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire data

  it('sends an image over REST: the event carries the attachment, members fetch it and its thumbnail, others get 404', async () => {
    const { alice, bob, carol, chat } = await cast();
    const png = await uniquePng(32, 24);
    const upload = await uploadReady(server(), alice, { kind: 'image', filename: 'holiday.png', bytes: png });
    const [bobSocket, carolSocket] = await openSockets(server(), bob, carol);

    const sent = await sendAttachment(server(), alice, chat, upload.id, 'look 👀');
    expect(sent.status, sent.text).toBe(201);
    const heard = await bobSocket.waitForEvent('message.created', (m) => m.id === sent.body.id);
    expect(heard.data).toMatchObject({ kind: 'image', text: 'look 👀', senderId: alice.user.id });
    expect(heard.data.attachment).toEqual(attachmentOf(upload));
    expect(heard.data.attachment).toMatchObject({ width: 32, height: 24, mime: 'image/png' });
    const [stored] = (await history(bob, chat)).filter((m) => m.id === sent.body.id);
    expect(stored!.attachment).toEqual(attachmentOf(upload));

    // Editing the caption keeps the picture.
    const edited = await api(server(), 'PATCH', `/messages/${sent.body.id}`, {
      token: alice.token,
      json: { text: 'look again' },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ kind: 'image', text: 'look again' });
    expect(edited.body.attachment).toEqual(attachmentOf(upload));

    const image = await download(server(), bob, heard.data.attachment.url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(dispositionOf(image.headers.get('content-disposition'))).toMatchObject({
      type: 'inline',
      filename: 'holiday.png',
    });
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(image.bytes.length).toBe(upload.size);
    expect(image.bytes.equals((await download(server(), alice, upload.url)).bytes)).toBe(true);
    const thumbnail = await download(server(), bob, heard.data.attachment.thumbnailUrl);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');

    // Carol is in no conversation that shows it: exactly as if it did not exist.
    const stranger = await download(server(), carol, upload.url);
    const nothing = await download(server(), carol, `/media/${randomUUID()}`);
    expect(stranger.status).toBe(404);
    expect(stranger.bytes.equals(nothing.bytes)).toBe(true);
    expect((await download(server(), carol, upload.thumbnailUrl)).status).toBe(404);
    expect((await download(server(), null, upload.url)).status).toBe(401);
    expect((await download(server(), 'not-a-session', upload.url)).status).toBe(401);
    expect(carolSocket.events('message.created')).toEqual([]);
    await closeAll(bobSocket, carolSocket);
  });

  it('sends a file over the socket; a member downloads it byte for byte, under its Chinese name, in ranges, with ETag', async () => {
    const { alice, bob, chat } = await cast();
    const pdf = readFileSync(fixture('document.pdf'));
    const name = '季度报告 2024.pdf';
    const upload = await uploadReady(server(), alice, { kind: 'file', filename: name, bytes: pdf });
    const [aliceSocket, bobSocket] = await openSockets(server(), alice, bob);
    const clientMsgId = randomUUID();
    const reply = await aliceSocket.request('message.send', {
      conversationId: chat,
      clientMsgId,
      attachmentId: upload.id,
    });
    expect(reply.error).toBeUndefined();
    const heard = await bobSocket.waitForEvent('message.created', (m) => m.clientMsgId === clientMsgId);
    expect(heard.data).toMatchObject({ kind: 'file', text: '', seq: reply.ok.seq });
    expect(heard.data.attachment).toEqual(attachmentOf(upload));
    expect(heard.data.attachment).toMatchObject({ name, mime: 'application/pdf', size: pdf.length });

    const file = await download(server(), bob, heard.data.attachment.url);
    expect(file.status).toBe(200);
    expect(sha256(file.bytes)).toBe(sha256(pdf));
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-length')).toBe(String(pdf.length));
    expect(file.headers.get('accept-ranges')).toBe('bytes');
    const disposition = dispositionOf(file.headers.get('content-disposition'));
    expect(disposition).toMatchObject({ type: 'attachment', filenameStar: name });
    expect(file.headers.get('content-disposition')).toMatch(/^[\x20-\x7e]*$/);

    const part = await download(server(), bob, upload.url, { range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${pdf.length}`);
    expect(part.bytes.equals(pdf.subarray(10, 20))).toBe(true);
    const tail = await download(server(), bob, upload.url, { range: 'bytes=-7' });
    expect(tail.status).toBe(206);
    expect(tail.bytes.equals(pdf.subarray(pdf.length - 7))).toBe(true);
    const rest = await download(server(), bob, upload.url, { range: `bytes=300-` });
    expect(rest.headers.get('content-range')).toBe(`bytes 300-${pdf.length - 1}/${pdf.length}`);
    expect(rest.bytes.equals(pdf.subarray(300))).toBe(true);

    const past = await download(server(), bob, upload.url, { range: `bytes=${pdf.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${pdf.length}`);
    expect(past.bytes.includes(pdf.subarray(0, 8))).toBe(false);

    const etag = file.headers.get('etag');
    expect(shaOfEtag(etag)).toBe(sha256(pdf));
    const again = await download(server(), bob, upload.url, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);
    const changed = await download(server(), bob, upload.url, { 'if-none-match': `"${'0'.repeat(64)}"` });
    expect(changed.status).toBe(200);
    expect(sha256(changed.bytes)).toBe(sha256(pdf));
    await closeAll(aliceSocket, bobSocket);
  });

  it('sends a voice message over the socket: its length travels with it, and it can be played from any point', async () => {
    const { alice, bob, chat } = await cast();
    const webm = readFileSync(fixture('voice-2s-mediarecorder.webm'));
    const upload = await uploadReady(server(), alice, { kind: 'voice', filename: 'voice.webm', bytes: webm });
    const [aliceSocket, bobSocket] = await openSockets(server(), alice, bob);
    const reply = await aliceSocket.request('message.send', {
      conversationId: chat,
      clientMsgId: randomUUID(),
      attachmentId: upload.id,
    });
    expect(reply.error).toBeUndefined();
    const heard = await bobSocket.waitForEvent('message.created', (m) => m.seq === reply.ok.seq);
    expect(heard.data.kind).toBe('voice');
    expect(heard.data.attachment).toMatchObject({ kind: 'voice', mime: 'audio/webm', thumbnailUrl: null });
    expect(Math.abs(heard.data.attachment.durationMs - 2000)).toBeLessThan(100);

    const whole = await download(server(), bob, heard.data.attachment.url);
    expect(whole.headers.get('content-type')).toBe('audio/webm');
    expect(dispositionOf(whole.headers.get('content-disposition')).type).toBe('inline');
    expect(whole.bytes.equals(webm)).toBe(true);
    const seek = await download(server(), bob, heard.data.attachment.url, { range: 'bytes=1000-' });
    expect(seek.status).toBe(206);
    expect(seek.bytes.equals(webm.subarray(1000))).toBe(true);
    await closeAll(aliceSocket, bobSocket);
  });

  it('lets a browser load media with the media cookie instead of the bearer header', async () => {
    const { alice, bob, carol, chat } = await cast();
    const upload = await uploadReady(server(), alice, {
      kind: 'image',
      filename: 'p.png',
      bytes: await uniquePng(),
    });
    expect((await sendAttachment(server(), alice, chat, upload.id)).status).toBe(201);

    const set = await api(server(), 'POST', '/media/cookie', { token: bob.token });
    expect(set.status).toBe(204);
    const setCookie = set.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^parley_media=[^;]+/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*Path=\/media(;|$)/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
    const cookie = setCookie.split(';')[0]!;

    const viaCookie = await download(server(), null, upload.url, { cookie });
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.bytes.equals((await download(server(), alice, upload.url)).bytes)).toBe(true);
    expect((await download(server(), null, upload.thumbnailUrl, { cookie })).status).toBe(200);

    // A stranger's cookie: 404, as with the header. No cookie or a made-up one: 401.
    const carolCookie = (await api(server(), 'POST', '/media/cookie', { token: carol.token })).headers
      .get('set-cookie')!
      .split(';')[0]!;
    expect((await download(server(), null, upload.url, { cookie: carolCookie })).status).toBe(404);
    expect((await download(server(), null, upload.url, { cookie: 'parley_media=made-up' })).status).toBe(401);
    // The cookie opens /media only, never the API.
    expect((await api(server(), 'GET', '/me', { headers: { cookie } })).status).toBe(401);
    // Signed out, the cookie is worth nothing.
    expect((await api(server(), 'POST', '/auth/logout', { token: bob.token })).status).toBeLessThan(300);
    expect((await download(server(), null, upload.url, { cookie })).status).toBe(401);
  });

  it("refuses to attach someone else's upload, an unfinished one or none at all: 404 on attachmentId, nothing stored", async () => {
    const { alice, bob, chat } = await cast();
    const mine = await uploadReady(server(), alice, {
      kind: 'file',
      filename: 'a.bin',
      bytes: randomBytes(100),
    });
    expectError(await sendAttachment(server(), bob, chat, mine.id), 404, 'not_found', 'attachmentId');

    const bytes = randomBytes(200);
    const created = await createUpload(server(), alice, { kind: 'file', filename: 'half.bin', length: 200 });
    const location = created.headers.get('location')!;
    expect((await patchUpload(server(), alice, location, 0, bytes.subarray(0, 100))).status).toBe(204);
    const unfinished = location.split('/').pop()!;
    expectError(await sendAttachment(server(), alice, chat, unfinished), 404, 'not_found', 'attachmentId');
    expectError(await sendAttachment(server(), alice, chat, randomUUID()), 404, 'not_found', 'attachmentId');

    // Bob may see it once alice sent it, but it is still not his to send.
    expect((await sendAttachment(server(), alice, chat, mine.id)).status).toBe(201);
    expect((await download(server(), bob, mine.url)).status).toBe(200);
    expectError(
      await sendAttachment(server(), bob, chat, mine.id, 'mine now'),
      404,
      'not_found',
      'attachmentId',
    );
    const bobSocket = await openSocket(server(), bob.token);
    const overSocket = await bobSocket.request('message.send', {
      conversationId: chat,
      clientMsgId: randomUUID(),
      attachmentId: mine.id,
    });
    expect(overSocket.error).toMatchObject({ code: 'not_found', field: 'attachmentId' });
    await bobSocket.close();

    // Neither text nor attachment: nothing to send.
    expectError(
      await api(server(), 'POST', `/conversations/${chat}/messages`, {
        token: alice.token,
        json: { clientMsgId: randomUUID() },
      }),
      400,
      'invalid_request',
    );
    const messages = (await history(alice, chat)).filter((m) => m.kind !== 'system');
    expect(messages.map((m) => [m.senderId, m.kind, m.attachment?.id])).toEqual([
      [alice.user.id, 'file', mine.id],
    ]);
  });

  it('recalling the message takes the media away from everyone, and its files off the disk', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    await befriend(server(), alice, bob, carol);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id, carol.user.id] });
    const upload = await uploadReady(server(), alice, {
      kind: 'image',
      filename: 'oops.png',
      bytes: await uniquePng(),
    });
    const sent = await sendAttachment(server(), alice, group.id, upload.id);
    expect(sent.status).toBe(201);
    const image = await download(server(), bob, upload.url);
    const thumbnail = await download(server(), carol, upload.thumbnailUrl);
    expect([image.status, thumbnail.status]).toEqual([200, 200]);
    const files = [
      blobPath(server(), shaOfEtag(image.headers.get('etag'))),
      blobPath(server(), shaOfEtag(thumbnail.headers.get('etag'))),
    ];
    expect(files.map((f) => existsSync(f))).toEqual([true, true]);

    const recalled = await api(server(), 'POST', `/messages/${sent.body.id}/recall`, { token: alice.token });
    expect(recalled.status, recalled.text).toBe(200);
    expect(recalled.body.attachment).toBeNull();
    for (const who of [alice, bob, carol]) {
      expect((await download(server(), who, upload.url)).status).toBe(404);
      expect((await download(server(), who, upload.thumbnailUrl)).status).toBe(404);
    }
    expect(files.map((f) => existsSync(f))).toEqual([false, false]);
    expectError(
      await api(server(), 'GET', `/uploads/${upload.id}`, { token: alice.token }),
      404,
      'not_found',
    );
    const [tombstone] = (await history(bob, group.id)).filter((m) => m.id === sent.body.id);
    expect(tombstone).toMatchObject({ attachment: null, recalledBy: alice.user.id });
    // Nor can it be sent again.
    expectError(await sendAttachment(server(), alice, group.id, upload.id), 404, 'not_found', 'attachmentId');
  });

  it('a forwarded copy keeps the file alive until it is recalled too', async () => {
    const { alice, bob, carol, chat } = await cast();
    const [bobAndCarol] = await befriend(server(), bob, carol);
    const bytes = randomBytes(3000);
    const upload = await uploadReady(server(), alice, { kind: 'file', filename: 'shared.bin', bytes });
    const sent = await sendAttachment(server(), alice, chat, upload.id);
    // Bob forwards alice's file to carol: he may, though he did not upload it.
    const forwarded = await api(server(), 'POST', `/messages/${sent.body.id}/forward`, {
      token: bob.token,
      json: { clientMsgId: randomUUID(), conversationIds: [bobAndCarol.conversationId] },
    });
    expect(forwarded.status, forwarded.text).toBe(201);
    const [copy] = (await history(carol, bobAndCarol.conversationId)).filter(
      (m) => m.id === forwarded.body.acks[0].id,
    );
    expect(copy).toMatchObject({
      kind: 'file',
      senderId: bob.user.id,
      forwardedFrom: { messageId: sent.body.id },
    });
    expect(copy!.attachment).toEqual(attachmentOf(upload));
    expect((await download(server(), carol, upload.url)).bytes.equals(bytes)).toBe(true);

    expect(
      (await api(server(), 'POST', `/messages/${sent.body.id}/recall`, { token: alice.token })).status,
    ).toBe(200);
    for (const who of [alice, bob, carol]) {
      const got = await download(server(), who, upload.url);
      expect(got.status).toBe(200);
      expect(got.bytes.equals(bytes)).toBe(true);
    }
    expect(existsSync(blobPath(server(), sha256(bytes)))).toBe(true);

    const copyRecalled = await api(server(), 'POST', `/messages/${copy!.id}/recall`, { token: bob.token });
    expect(copyRecalled.status, copyRecalled.text).toBe(200);
    for (const who of [alice, bob, carol])
      expect((await download(server(), who, upload.url)).status).toBe(404);
    expect(existsSync(blobPath(server(), sha256(bytes)))).toBe(false);
  });

  it('someone who leaves a group can no longer fetch its media', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    await befriend(server(), alice, bob, carol);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id, carol.user.id] });
    const upload = await uploadReady(server(), alice, {
      kind: 'image',
      filename: 'class.png',
      bytes: await uniquePng(),
    });
    expect((await sendAttachment(server(), alice, group.id, upload.id)).status).toBe(201);
    expect((await download(server(), carol, upload.url)).status).toBe(200);

    expect((await api(server(), 'POST', `/groups/${group.id}/leave`, { token: carol.token })).status).toBe(
      204,
    );
    expect((await download(server(), carol, upload.url)).status).toBe(404);
    expect((await download(server(), carol, upload.thumbnailUrl)).status).toBe(404);
    expect((await download(server(), bob, upload.url)).status).toBe(200);
  });

  it("answers refusals on /media with Parley's error body, like every other route", async () => {
    const { alice, bob, carol, chat } = await cast();
    const bytes = randomBytes(50);
    const upload = await uploadReady(server(), alice, { kind: 'file', filename: 'x.bin', bytes });
    await sendAttachment(server(), alice, chat, upload.id);
    expectError((await download(server(), null, upload.url)).asApi, 401, 'unauthenticated');
    expectError((await download(server(), carol, upload.url)).asApi, 404, 'not_found');
    expectError((await download(server(), bob, `/media/${randomUUID()}`)).asApi, 404, 'not_found');
    expectError(
      (await download(server(), bob, upload.url, { range: 'bytes=50-' })).asApi,
      416,
      'range_not_satisfiable',
    );
  });

  it('refuses to set the media cookie without a session: 401', async () => {
    expectError(await api(server(), 'POST', '/media/cookie'), 401, 'unauthenticated');
    expectError(
      await api(server(), 'POST', '/media/cookie', { token: 'not-a-session' }),
      401,
      'unauthenticated',
    );
  });
});
