import { existsSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sweepMedia } from '../../src/actions/uploads/sweep-media.ts';
import { befriend, people } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSocket } from '../support/socket.ts';
import { blobPath, uniquePng, uploadReady } from '../support/uploads.ts';
import { fixture, useTempDir, writePhotoJpeg } from '../media/support.ts';

describe.each(dialects)('avatars on %s', (dialect) => {
  const server = useServer(dialect);
  const tmp = useTempDir();

  /** GETs a path on the server with no session at all (reading the whole body). */
  const fetchPublic = async (path: string) => {
    const res = await fetch(`${server().url}${path}`);
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  };

  it('makes square 256 and 64 px WebP avatars without metadata, public and cached for good, and tells others', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    await befriend(server(), alice, bob);
    const bobSocket = await openSocket(server(), bob.token);
    // A wide phone photo with GPS in its EXIF.
    const photo = await writePhotoJpeg(`${tmp()}/photo.jpg`, 300, 120);
    const upload = await uploadReady(server(), alice, { kind: 'image', filename: 'me.jpg', path: photo });

    const res = await api(server(), 'PUT', '/me/avatar', {
      token: alice.token,
      json: { uploadId: upload.id },
    });
    expect(res.status).toBe(200);
    expect(res.body.avatar).toMatch(/^\/avatars\/[0-9a-f]{64}$/);
    expect(res.body.avatarSmall).toMatch(/^\/avatars\/[0-9a-f]{64}$/);
    const heard = await bobSocket.waitForEvent('user.updated', (u) => u.id === alice.user.id);
    expect(heard.data.avatar).toBe(res.body.avatar);

    for (const [path, size] of [
      [res.body.avatar, 256],
      [res.body.avatarSmall, 64],
    ] as const) {
      const image = await fetchPublic(path);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/webp');
      expect(image.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const meta = await sharp(image.body).metadata();
      expect({ width: meta.width, height: meta.height, exif: meta.exif }).toEqual({
        width: size,
        height: size,
        exif: undefined,
      });
    }
    const profile = await api(server(), 'GET', `/users/${alice.user.id}`, { token: bob.token });
    expect(profile.body).toMatchObject({ avatar: res.body.avatar, avatarSmall: res.body.avatarSmall });
    await closeAll(bobSocket);
  });

  it('serves only hashes that are somebody’s avatar, and keeps avatar files through a sweep', async () => {
    const [carol] = await people(server(), 'carol');
    const upload = await uploadReady(server(), carol, {
      kind: 'image',
      filename: 'c.png',
      bytes: await uniquePng(40, 30),
    });
    const set = await api(server(), 'PUT', '/me/avatar', {
      token: carol.token,
      json: { uploadId: upload.id },
    });
    const large = set.body.avatar.split('/').pop();
    // The uploaded image itself is private: its hash is not an avatar.
    const own = await fetch(`${server().url}/media/${upload.id}`, {
      headers: { authorization: `Bearer ${carol.token}` },
    });
    await own.arrayBuffer();
    const privateSha = own.headers.get('etag')!.slice(1, -1);
    expect((await fetchPublic(`/avatars/${privateSha}`)).status).toBe(404);
    expect((await fetchPublic('/avatars/not-a-hash')).status).toBe(400);

    // A day later the unsent upload is swept; the avatar made from it stays.
    await sweepMedia(server().parley.services, { at: Date.now() + 2 * 24 * 3600 * 1000 });
    expect(existsSync(blobPath(server(), privateSha))).toBe(false);
    expect((await fetchPublic(set.body.avatar)).status).toBe(200);

    // Removing it: the path stops working, and the files go with the next sweep.
    const removed = await api(server(), 'DELETE', '/me/avatar', { token: carol.token });
    expect(removed.body).toMatchObject({ avatar: null, avatarSmall: null });
    expect((await fetchPublic(set.body.avatar)).status).toBe(404);
    await sweepMedia(server().parley.services);
    expect(existsSync(blobPath(server(), large))).toBe(false);
  });

  it('refuses what is not my finished image upload', async () => {
    const [dave, erin] = await people(server(), 'dave', 'erin');
    const file = await uploadReady(server(), dave, {
      kind: 'file',
      filename: 'doc.pdf',
      path: fixture('document.pdf'),
    });
    expectError(
      await api(server(), 'PUT', '/me/avatar', { token: dave.token, json: { uploadId: file.id } }),
      415,
      'unsupported_media_type',
      'uploadId',
    );
    expectError(
      await api(server(), 'PUT', '/me/avatar', { token: erin.token, json: { uploadId: file.id } }),
      404,
      'not_found',
      'uploadId',
    );
  });

  it('lets the owner or an admin set a group avatar, with a notice and an update for members', async () => {
    const [owner, member] = await people(server(), 'owner', 'member');
    await befriend(server(), owner, member);
    const group = await makeGroup(server(), owner, { memberIds: [member.user.id] });
    const upload = await uploadReady(server(), owner, {
      kind: 'image',
      filename: 'g.png',
      bytes: await uniquePng(64, 64),
    });
    const mine = await uploadReady(server(), member, {
      kind: 'image',
      filename: 'm.png',
      bytes: await uniquePng(64, 64),
    });
    expectError(
      await api(server(), 'PUT', `/groups/${group.id}/avatar`, {
        token: member.token,
        json: { uploadId: mine.id },
      }),
      403,
      'forbidden',
    );
    const memberSocket = await openSocket(server(), member.token);
    const res = await api(server(), 'PUT', `/groups/${group.id}/avatar`, {
      token: owner.token,
      json: { uploadId: upload.id },
    });
    expect(res.status).toBe(200);
    expect(res.body.avatar).toMatch(/^\/avatars\//);
    const updated = await memberSocket.waitForEvent(
      'conversation.updated',
      (c) => c.id === group.id && c.avatar !== null,
    );
    expect(updated.data.avatarSmall).toBe(res.body.avatarSmall);
    const notice = await memberSocket.waitForEvent(
      'message.created',
      (m) => m.conversationId === group.id && m.kind === 'system' && m.notice.type === 'group.updated',
    );
    expect(notice.data.notice.detail).toEqual({ fields: 'avatar' });
    expect((await fetchPublic(res.body.avatar)).status).toBe(200);
    await closeAll(memberSocket);
  });
});
