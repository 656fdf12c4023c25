import { readFileSync } from 'node:fs';
import { Sticker, StickerPack } from '@parley/protocol';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/people.ts';

const png = readFileSync(new URL('../../server/test/fixtures/media/picture.png', import.meta.url));

describe.each(['sqlite', 'postgres'] as const)('sticker packs through the SDK on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  it('an admin publishes a pack everyone sees, fills it and deletes it; others may not', async () => {
    const alice = await signUp(server, 'alice'); // the first account: an admin
    const bob = await signUp(server, 'bob');
    const builtin = await bob.http.stickers.packs();
    expect(builtin.map((p) => p.builtin)).toEqual([true]);

    const pack = StickerPack.parse(await alice.http.stickers.createPack('Cats'));
    expect(pack).toMatchObject({ name: 'Cats', builtin: false, stickers: [] });
    const upload = await alice.http.uploads.start(png, { kind: 'image', name: 'cat.png' }).done;
    const sticker = Sticker.parse(
      await alice.http.stickers.addToPack(pack.id, { uploadId: upload.id, emoji: '🐱' }),
    );
    expect(sticker).toMatchObject({ packId: pack.id, emoji: '🐱' });
    const seen = (await bob.http.stickers.packs()).find((p) => p.id === pack.id);
    expect(seen?.stickers.map((s) => s.id)).toEqual([sticker.id]);

    await expect(bob.http.stickers.createPack('Dogs')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(alice.http.stickers.deletePack(builtin[0]!.id)).rejects.toMatchObject({ code: 'forbidden' });
    await alice.http.stickers.deletePack(pack.id);
    expect((await bob.http.stickers.packs()).map((p) => p.id)).toEqual([builtin[0]!.id]);
  });
});
