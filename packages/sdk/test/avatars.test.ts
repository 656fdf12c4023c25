import { readFileSync } from 'node:fs';
import { Conversation, Me } from '@parley/protocol';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyClient } from '../src/index.ts';
import { signUp } from './support/people.ts';

const png = readFileSync(new URL('../../server/test/fixtures/media/picture.png', import.meta.url));
const avatarPath = /^\/avatars\/[0-9a-f]{64}$/;

describe.each(['sqlite', 'postgres'] as const)('avatars through the SDK on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  const picture = (client: ParleyClient) =>
    client.http.uploads.start(png, { kind: 'image', name: 'me.png' }).done;

  it('sets my avatar from an upload, anyone can load it, and removing it clears it', async () => {
    const alice = await signUp(server, 'alice');
    const upload = await picture(alice);
    const me = Me.parse(await alice.http.setAvatar(upload.id));
    expect(me.avatar).toMatch(avatarPath);
    expect(me.avatarSmall).toMatch(avatarPath);
    expect((await alice.http.me()).avatar).toBe(me.avatar);
    // Avatars are public: no session needed.
    const image = await fetch(alice.http.uploads.mediaUrl(me.avatar!));
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/webp']);

    const removed = Me.parse(await alice.http.removeAvatar());
    expect([removed.avatar, removed.avatarSmall]).toEqual([null, null]);
  });

  it("sets and removes a group's avatar (owner)", async () => {
    const bob = await signUp(server, 'bob');
    const group = await bob.http.groups.create({ name: 'Choir' });
    const upload = await picture(bob);
    const withAvatar = Conversation.parse(await bob.http.groups.setAvatar(group.id, upload.id));
    expect(withAvatar.avatar).toMatch(avatarPath);
    expect((await bob.http.conversations.get(group.id)).avatar).toBe(withAvatar.avatar);
    const without = Conversation.parse(await bob.http.groups.removeAvatar(group.id));
    expect(without.avatar).toBeNull();
  });
});
