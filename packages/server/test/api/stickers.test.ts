import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDefaultStickers } from '../../src/actions/stickers/ensure-default-stickers.ts';
import { sweepMedia } from '../../src/actions/uploads/sweep-media.ts';
import { type Person, befriend, people, register } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSocket } from '../support/socket.ts';
import { blobPath, download, shaOfEtag, uniquePng, uploadReady } from '../support/uploads.ts';
import { useTempDir, writeAnimation } from '../media/support.ts';

const immutable = 'public, max-age=31536000, immutable';
const sandbox = "default-src 'none'; sandbox";

describe.each(dialects)('stickers and custom emoji on %s', (dialect) => {
  const server = useServer(dialect);
  const tmp = useTempDir();
  /** The first account on a fresh server is its admin. */
  let admin: Person;
  beforeAll(async () => {
    admin = await register(server(), 'admin');
    expect(admin.user.role).toBe('admin');
  });

  /** alice and bob chat; carol is a stranger to both. */
  async function cast() {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [withBob] = await befriend(server(), alice, bob);
    return { alice, bob, carol, chat: withBob.conversationId as string };
  }

  /** A picture no other test uploads, as a finished image upload of `who`'s. */
  async function imageUpload(who: Person, width = 64, height = 48) {
    return uploadReady(server(), who, {
      kind: 'image',
      filename: 'pic.png',
      bytes: await uniquePng(width, height),
    });
  }

  async function makeSticker(who: Person, width?: number, height?: number) {
    const upload = await imageUpload(who, width, height);
    const res = await api(server(), 'POST', '/stickers', { token: who.token, json: { uploadId: upload.id } });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  const sendSticker = (who: Person, conversationId: string, stickerId: string) =>
    api(server(), 'POST', `/conversations/${conversationId}/messages`, {
      token: who.token,
      json: { clientMsgId: randomUUID(), stickerId },
    });

  const lastMessage = async (who: Person, conversationId: string) => {
    const page = await api(server(), 'GET', `/conversations/${conversationId}/messages`, {
      token: who.token,
    });
    return page.body.messages.at(-1);
  };

  /** The image answer's headers that every sticker and emoji image must carry. */
  function expectSafeImage(res: Awaited<ReturnType<typeof download>>, cache: string) {
    expect(res.status, res.bytes.toString().slice(0, 200)).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe(sandbox);
    expect(res.headers.get('cache-control')).toBe(cache);
  }

  it('ships the Parley pack: eight stickers anyone may load, cached for good, made once', async () => {
    const [alice] = await people(server(), 'alice');
    const res = await api(server(), 'GET', '/stickers', { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.body.mine).toEqual([]);
    const builtin = res.body.packs.filter((p: { builtin: boolean }) => p.builtin);
    expect(builtin).toHaveLength(1);
    const [pack] = builtin;
    expect(pack).toMatchObject({ id: 'parley', name: 'Parley' });
    expect(pack.stickers.map((s: { emoji: string }) => s.emoji)).toEqual([
      '🙂',
      '👍',
      '❤️',
      '😂',
      '🎉',
      '🙏',
      '👌',
      '🌙',
    ]);
    for (const sticker of pack.stickers) {
      expect(sticker).toMatchObject({ packId: 'parley', width: 256, height: 256, animated: false });
      expect(sticker.url).toBe(`/stickers/${sticker.id}`);
      const image = await download(server(), null, sticker.url);
      expectSafeImage(image, immutable);
      const meta = await sharp(image.bytes).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height, alpha: meta.hasAlpha }).toEqual({
        format: 'webp',
        width: 256,
        height: 256,
        alpha: true,
      });
      // Asked again with the ETag it had: 304, nothing sent.
      const again = await download(server(), null, sticker.url, {
        'if-none-match': image.headers.get('etag')!,
      });
      expect(again.status).toBe(304);
    }
    // Every start runs it: a server that has the pack makes no second one.
    const { services } = server().parley;
    await Promise.all([
      ensureDefaultStickers(services.store.db, services),
      ensureDefaultStickers(services.store.db, services),
    ]);
    const packs = await services.store.db
      .selectFrom('sticker_packs')
      .select('id')
      .where('builtin', '=', 1)
      .execute();
    expect(packs).toHaveLength(1);
    expectError(
      await api(server(), 'DELETE', '/sticker-packs/parley', { token: admin.token }),
      403,
      'forbidden',
    );
    expectError(
      await download(server(), null, `/stickers/${randomUUID()}`).then((d) => d.asApi),
      401,
      'unauthenticated',
    );
  });

  it('makes a personal sticker from my upload: a WebP of at most 512 px that only I see until I send it', async () => {
    const { alice, bob, carol } = await cast();
    const sticker = await makeSticker(alice, 1024, 300);
    expect(sticker).toMatchObject({ packId: null, emoji: '', width: 512, height: 150, animated: false });
    expect(sticker.url).toBe(`/media/stickers/${sticker.id}`);
    const mine = await api(server(), 'GET', '/stickers', { token: alice.token });
    expect(mine.body.mine).toEqual([sticker]);

    const image = await download(server(), alice, sticker.url);
    expectSafeImage(image, 'private, no-cache');
    const meta = await sharp(image.bytes).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height, exif: meta.exif }).toEqual({
      format: 'webp',
      width: 512,
      height: 150,
      exif: undefined,
    });
    // Both paths serve it under the same rules.
    expect((await download(server(), alice, `/stickers/${sticker.id}`)).status).toBe(200);
    expectError((await download(server(), null, sticker.url)).asApi, 401, 'unauthenticated');
    for (const other of [bob, carol]) {
      expectError((await download(server(), other, sticker.url)).asApi, 404, 'not_found');
    }
    // A small picture is never enlarged.
    expect(await makeSticker(alice, 40, 30)).toMatchObject({ width: 40, height: 30 });
  });

  it('keeps an animated picture animated', async () => {
    const [alice] = await people(server(), 'alice');
    const gif = await writeAnimation(`${tmp()}/spin.gif`, 3, 600, 600);
    const upload = await uploadReady(server(), alice, { kind: 'image', filename: 'spin.gif', path: gif });
    const res = await api(server(), 'POST', '/stickers', {
      token: alice.token,
      json: { uploadId: upload.id },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ width: 512, height: 512, animated: true });
    const image = await download(server(), alice, res.body.url);
    const meta = await sharp(image.bytes, { animated: true }).metadata();
    expect({ format: meta.format, pages: meta.pages, height: meta.pageHeight }).toEqual({
      format: 'webp',
      pages: 3,
      height: 512,
    });
  });

  it('refuses to make stickers of what is not my finished image upload', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const upload = await imageUpload(alice);
    const file = await uploadReady(server(), alice, {
      kind: 'file',
      filename: 'a.bin',
      bytes: Buffer.from('hello'),
    });
    const post = (who: Person, json: unknown) =>
      api(server(), 'POST', '/stickers', { token: who.token, json });
    expectError(await post(bob, { uploadId: upload.id }), 404, 'not_found', 'uploadId');
    expectError(await post(alice, { uploadId: file.id }), 415, 'unsupported_media_type');
    expectError(await post(alice, { uploadId: upload.id, messageId: upload.id }), 400, 'invalid_request');
    expectError(await post(alice, {}), 400, 'invalid_request');
    // Over 1 MB of stored image: random pixels do not compress.
    const big = await imageUpload(alice, 800, 600);
    expect(big.size).toBeGreaterThan(1024 * 1024);
    expectError(await post(alice, { uploadId: big.id }), 413, 'too_large', 'uploadId');
  });

  it('sends a sticker over REST and the socket; the receiver sees it, keeps it and sends it on', async () => {
    const { alice, bob, carol, chat } = await cast();
    const sticker = await makeSticker(alice);
    const bobSocket = await openSocket(server(), bob.token);
    const aliceSocket = await openSocket(server(), alice.token);

    // Bob cannot send it: it is neither a pack's nor in his collection.
    expectError(await sendSticker(bob, chat, sticker.id), 404, 'not_found', 'stickerId');

    const sent = await sendSticker(alice, chat, sticker.id);
    expect(sent.status, sent.text).toBe(201);
    const heard = await bobSocket.waitForEvent('message.created', (m) => m.id === sent.body.id);
    expect(heard.data).toMatchObject({ kind: 'sticker', text: '', attachment: null, sticker });
    expect(await lastMessage(bob, chat)).toMatchObject({ id: sent.body.id, kind: 'sticker', sticker });

    // Bob may now load it (bearer, or the media cookie an <img> sends); carol still may not.
    expectSafeImage(await download(server(), bob, sticker.url), 'private, no-cache');
    const cookie = await api(server(), 'POST', '/media/cookie', { token: bob.token });
    expect(cookie.status).toBe(204);
    const viaCookie = await download(server(), null, sticker.url, {
      cookie: cookie.headers.get('set-cookie')!.split(';')[0]!,
    });
    expect(viaCookie.status).toBe(200);
    expectError((await download(server(), carol, sticker.url)).asApi, 404, 'not_found');
    expectError(
      await api(server(), 'POST', '/stickers', { token: carol.token, json: { messageId: sent.body.id } }),
      404,
      'not_found',
      'messageId',
    );

    // Bob keeps it from the message (twice: the second changes nothing) and sends it over the socket.
    const kept = await api(server(), 'POST', '/stickers', {
      token: bob.token,
      json: { messageId: sent.body.id },
    });
    expect(kept.status, kept.text).toBe(201);
    expect(kept.body).toEqual(sticker);
    const again = await api(server(), 'POST', '/stickers', {
      token: bob.token,
      json: { messageId: sent.body.id },
    });
    expect(again.status).toBe(200);
    expect((await api(server(), 'GET', '/stickers', { token: bob.token })).body.mine).toEqual([sticker]);
    const clientMsgId = randomUUID();
    const reply = await bobSocket.request('message.send', {
      conversationId: chat,
      clientMsgId,
      stickerId: sticker.id,
    });
    expect(reply.error).toBeUndefined();
    const back = await aliceSocket.waitForEvent('message.created', (m) => m.clientMsgId === clientMsgId);
    expect(back.data).toMatchObject({ kind: 'sticker', senderId: bob.user.id, sticker: { id: sticker.id } });

    // A text message is not a sticker to keep.
    const text = await api(server(), 'POST', `/conversations/${chat}/messages`, {
      token: alice.token,
      json: { clientMsgId: randomUUID(), text: 'hi' },
    });
    expectError(
      await api(server(), 'POST', '/stickers', { token: bob.token, json: { messageId: text.body.id } }),
      404,
      'not_found',
    );

    // Out of his collection: he can no longer send it, though he still sees it in the chat.
    expect((await api(server(), 'DELETE', `/stickers/${sticker.id}`, { token: bob.token })).status).toBe(204);
    expectError(
      await api(server(), 'DELETE', `/stickers/${sticker.id}`, { token: bob.token }),
      404,
      'not_found',
    );
    expectError(await sendSticker(bob, chat, sticker.id), 404, 'not_found', 'stickerId');
    expect((await download(server(), bob, sticker.url)).status).toBe(200);
    await closeAll(bobSocket, aliceSocket);
  });

  it('sends a sticker alone: with text or an attachment, or an unknown one, it is refused', async () => {
    const { alice, chat } = await cast();
    const [pack] = (await api(server(), 'GET', '/stickers', { token: alice.token })).body.packs;
    const stickerId = pack.stickers[0].id;
    const upload = await imageUpload(alice);
    const post = (json: Record<string, unknown>) =>
      api(server(), 'POST', `/conversations/${chat}/messages`, {
        token: alice.token,
        json: { clientMsgId: randomUUID(), ...json },
      });
    expectError(await post({ stickerId, text: 'hello' }), 400, 'invalid_request', 'stickerId');
    expectError(await post({ stickerId, attachmentId: upload.id }), 400, 'invalid_request', 'stickerId');
    expectError(await post({ stickerId: randomUUID() }), 404, 'not_found', 'stickerId');
    // Anyone may send a pack's sticker without keeping it.
    const sent = await post({ stickerId });
    expect(sent.status, sent.text).toBe(201);
    expect((await lastMessage(alice, chat)).sticker).toMatchObject({ id: stickerId, packId: 'parley' });
  });

  it('forwards a sticker message as the same sticker, and never edits one', async () => {
    const { alice, bob, carol, chat } = await cast();
    const [withCarol] = await befriend(server(), bob, carol);
    const sticker = await makeSticker(alice);
    const sent = await sendSticker(alice, chat, sticker.id);
    expect(sent.status, sent.text).toBe(201);
    // Bob never kept it, but may pass on what he was sent.
    const forwarded = await api(server(), 'POST', `/messages/${sent.body.id}/forward`, {
      token: bob.token,
      json: { clientMsgId: randomUUID(), conversationIds: [withCarol.conversationId] },
    });
    expect(forwarded.status, forwarded.text).toBe(201);
    const copy = await lastMessage(carol, withCarol.conversationId as string);
    expect(copy).toMatchObject({
      kind: 'sticker',
      sticker: { id: sticker.id },
      forwardedFrom: { messageId: sent.body.id },
    });
    const image = await download(server(), carol, copy.sticker.url);
    expect(image.status).toBe(200);
    expectError(
      await api(server(), 'PATCH', `/messages/${sent.body.id}`, {
        token: alice.token,
        json: { text: 'words' },
      }),
      403,
      'forbidden',
    );
  });

  it('lets admins publish packs and custom emoji, and no one else', async () => {
    const { alice, bob, carol, chat } = await cast();
    expectError(
      await api(server(), 'POST', '/sticker-packs', { token: alice.token, json: { name: 'Mine' } }),
      403,
      'forbidden',
    );
    const made = await api(server(), 'POST', '/sticker-packs', {
      token: admin.token,
      json: { name: 'Birds' },
    });
    expect(made.status, made.text).toBe(201);
    expect(made.body).toMatchObject({ name: 'Birds', builtin: false, stickers: [] });
    const packId = made.body.id;

    const aliceUpload = await imageUpload(alice);
    expectError(
      await api(server(), 'POST', `/sticker-packs/${packId}/stickers`, {
        token: alice.token,
        json: { uploadId: aliceUpload.id },
      }),
      403,
      'forbidden',
    );
    const adminUpload = await imageUpload(admin, 300, 200);
    const added = await api(server(), 'POST', `/sticker-packs/${packId}/stickers`, {
      token: admin.token,
      json: { uploadId: adminUpload.id, emoji: '🦜' },
    });
    expect(added.status, added.text).toBe(201);
    const parrot = added.body;
    expect(parrot).toMatchObject({
      packId,
      emoji: '🦜',
      width: 300,
      height: 200,
      url: `/stickers/${parrot.id}`,
    });
    const listed = await api(server(), 'GET', '/stickers', { token: bob.token });
    expect(listed.body.packs.find((p: { id: string }) => p.id === packId).stickers).toEqual([parrot]);
    expectSafeImage(await download(server(), null, parrot.url), immutable);

    // Custom emoji: only admins change them, anyone signed in lists them, anyone loads them.
    const emojiUpload = await imageUpload(admin, 200, 200);
    expectError(
      await api(server(), 'PUT', '/custom-emoji/party_parrot', {
        token: alice.token,
        json: { uploadId: aliceUpload.id },
      }),
      403,
      'forbidden',
    );
    for (const bad of ['Party', 'a', 'party-parrot', 'x'.repeat(33)]) {
      expectError(
        await api(server(), 'PUT', `/custom-emoji/${bad}`, {
          token: admin.token,
          json: { uploadId: emojiUpload.id },
        }),
        400,
        'invalid_request',
      );
    }
    const put = await api(server(), 'PUT', '/custom-emoji/party_parrot', {
      token: admin.token,
      json: { uploadId: emojiUpload.id },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toEqual({
      shortcode: 'party_parrot',
      url: '/emoji/party_parrot',
      width: 128,
      height: 128,
      animated: false,
    });
    const emojiList = await api(server(), 'GET', '/custom-emoji', { token: carol.token });
    expect(emojiList.body).toContainEqual(put.body);
    expectError(await api(server(), 'GET', '/custom-emoji'), 401, 'unauthenticated');
    const emoji = await download(server(), null, '/emoji/party_parrot');
    expectSafeImage(emoji, 'public, max-age=300');
    expect((await sharp(emoji.bytes).metadata()).width).toBe(128);
    expect((await download(server(), null, '/emoji/Not-A-Code')).status).toBe(400);
    expectError((await download(server(), null, '/emoji/no_such_one')).asApi, 404, 'not_found');

    // Replacing it changes the image behind the same URL.
    const replaced = await api(server(), 'PUT', '/custom-emoji/party_parrot', {
      token: admin.token,
      json: { uploadId: (await imageUpload(admin, 50, 40)).id },
    });
    expect(replaced.body).toMatchObject({ width: 50, height: 40 });
    const after = await download(server(), null, '/emoji/party_parrot');
    expect(shaOfEtag(after.headers.get('etag'))).not.toBe(shaOfEtag(emoji.headers.get('etag')));
    expectError(
      await api(server(), 'DELETE', '/custom-emoji/party_parrot', { token: bob.token }),
      403,
      'forbidden',
    );
    expect((await api(server(), 'DELETE', '/custom-emoji/party_parrot', { token: admin.token })).status).toBe(
      204,
    );
    expect((await download(server(), null, '/emoji/party_parrot')).status).toBe(404);

    // Bob sends the pack's sticker; when the pack is deleted, the message keeps it for its members only.
    const sent = await sendSticker(bob, chat, parrot.id);
    expect(sent.status, sent.text).toBe(201);
    expectError(
      await api(server(), 'DELETE', `/sticker-packs/${packId}`, { token: alice.token }),
      403,
      'forbidden',
    );
    expect((await api(server(), 'DELETE', `/sticker-packs/${packId}`, { token: admin.token })).status).toBe(
      204,
    );
    const packsNow = (await api(server(), 'GET', '/stickers', { token: bob.token })).body.packs;
    expect(packsNow.map((p: { id: string }) => p.id)).not.toContain(packId);
    expect((await download(server(), alice, parrot.url)).status).toBe(200);
    expectError((await download(server(), null, parrot.url)).asApi, 401, 'unauthenticated');
    expectError((await download(server(), carol, parrot.url)).asApi, 404, 'not_found');
    expectError(await sendSticker(bob, chat, parrot.id), 404, 'not_found', 'stickerId');
  });

  it('recalling a sticker message takes the sticker from those who saw it only there', async () => {
    const [alice, dave] = await people(server(), 'alice', 'dave');
    await befriend(server(), alice, dave);
    const group = await makeGroup(server(), alice, { memberIds: [dave.user.id] });
    const sticker = await makeSticker(alice);
    const sent = await sendSticker(alice, group.id, sticker.id);
    expect(sent.status, sent.text).toBe(201);
    expect((await download(server(), dave, sticker.url)).status).toBe(200);

    const recalled = await api(server(), 'POST', `/messages/${sent.body.id}/recall`, { token: alice.token });
    expect(recalled.status, recalled.text).toBe(200);
    expect(recalled.body).toMatchObject({ kind: 'sticker', sticker: null });
    const links = await server()
      .parley.services.store.db.selectFrom('message_stickers')
      .selectAll()
      .where('message_id', '=', sent.body.id)
      .execute();
    expect(links).toEqual([]);
    expectError((await download(server(), dave, sticker.url)).asApi, 404, 'not_found');
    expectError(
      await api(server(), 'POST', '/stickers', { token: dave.token, json: { messageId: sent.body.id } }),
      404,
      'not_found',
    );
    // Its maker still has it.
    expect((await download(server(), alice, sticker.url)).status).toBe(200);
  });

  it('keeps sticker and emoji files through a sweep, and removes a personal sticker nobody can reach', async () => {
    const { alice, bob, chat } = await cast();
    const { services } = server().parley;
    const shown = await makeSticker(alice);
    const dropped = await makeSticker(alice);
    expect((await sendSticker(alice, chat, shown.id)).status).toBe(201);
    await api(server(), 'PUT', '/custom-emoji/wave', {
      token: admin.token,
      json: { uploadId: (await imageUpload(admin)).id },
    });
    const packs = (await api(server(), 'GET', '/stickers', { token: alice.token })).body.packs;
    const builtin = packs.find((p: { builtin: boolean }) => p.builtin).stickers;

    const shaOf = async (url: string, who: Person | null) =>
      shaOfEtag((await download(server(), who, url)).headers.get('etag'));
    const kept = [
      await shaOf(shown.url, alice),
      await shaOf('/emoji/wave', null),
      ...(await Promise.all(builtin.map((s: { url: string }) => shaOf(s.url, null)))),
    ];
    const droppedSha = await shaOf(dropped.url, alice);
    // Alice removes both from her collection; the one a message shows stays for it.
    for (const s of [shown, dropped]) {
      expect((await api(server(), 'DELETE', `/stickers/${s.id}`, { token: alice.token })).status).toBe(204);
    }

    // A day and more later: every upload they were made from is swept, and so is `dropped`.
    await sweepMedia(services, { at: Date.now() + 2 * 24 * 3600 * 1000 });
    for (const sha of kept) expect(existsSync(blobPath(server(), sha)), sha).toBe(true);
    expect(existsSync(blobPath(server(), droppedSha))).toBe(false);
    expect(
      await services.store.db.selectFrom('stickers').select('id').where('id', '=', dropped.id).execute(),
    ).toEqual([]);
    expectSafeImage(await download(server(), bob, shown.url), 'private, no-cache');
    expectSafeImage(await download(server(), null, '/emoji/wave'), 'public, max-age=300');
    expectSafeImage(await download(server(), null, builtin[0].url), immutable);
  });

  it('holds at most 300 stickers in a collection', async () => {
    const { alice, bob, chat } = await cast();
    const sticker = await makeSticker(alice);
    const sent = await sendSticker(alice, chat, sticker.id);
    const db = server().parley.services.store.db;
    const blob = await db
      .selectFrom('stickers')
      .select('blob_sha')
      .where('id', '=', sticker.id)
      .executeTakeFirstOrThrow();
    // 300 stickers straight into bob's collection (making them one by one would take minutes).
    const rows = Array.from({ length: 300 }, (_, i) => ({
      id: randomUUID(),
      pack_id: null,
      owner_id: bob.user.id,
      blob_sha: blob.blob_sha,
      mime: 'image/webp',
      width: 1,
      height: 1,
      animated: 0,
      emoji: '',
      created_at: new Date(Date.now() + i).toISOString(),
    }));
    await db.insertInto('stickers').values(rows).execute();
    await db
      .insertInto('user_stickers')
      .values(rows.map((r) => ({ user_id: bob.user.id, sticker_id: r.id, added_at: r.created_at })))
      .execute();
    expectError(
      await api(server(), 'POST', '/stickers', { token: bob.token, json: { messageId: sent.body.id } }),
      409,
      'limit_reached',
    );
    expectError(
      await api(server(), 'POST', '/stickers', {
        token: bob.token,
        json: { uploadId: (await imageUpload(bob)).id },
      }),
      409,
      'limit_reached',
    );
    expect((await api(server(), 'GET', '/stickers', { token: bob.token })).body.mine).toHaveLength(300);
  });
});
