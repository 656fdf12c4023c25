import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, startDemo } from '../src/demo/start.ts';
import { demoPassword } from '../src/demo/world.ts';
import type { TestServer } from '../src/testing.ts';
import { type ApiResponse, api } from './support/http.ts';
import { download } from './support/uploads.ts';

// `npm run demo` seeds a world into its own folder and serves it. These tests seed one into a
// temporary folder and look at it as a newcomer would: signed in as kirito, through the API.

const han = /\p{Script=Han}/u;
const latinWords = /\b[A-Za-z]{4,}\b/;

describe('the demo world, as kirito sees it', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'parley-demo-test-'));
  const dataDir = path.join(root, 'demo');
  // Where a real server's settings point: the demo must leave them alone.
  const realDir = path.join(root, 'real-data');
  const saved = { dir: process.env.PARLEY_DATA_DIR, db: process.env.PARLEY_DATABASE_URL };
  let demo: Demo;
  let server: TestServer;
  let kirito: string;
  const get = async (url: string): Promise<ApiResponse['body']> => {
    const res = await api(server, 'GET', url, { token: kirito });
    expect(res.status, res.text).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    process.env.PARLEY_DATA_DIR = realDir;
    // Nothing listens on port 1: had the demo used it, it would not have started.
    process.env.PARLEY_DATABASE_URL = 'postgres://nobody@127.0.0.1:1/real';
    demo = await startDemo({ dataDir, port: 0 });
    server = { url: demo.url } as TestServer;
    const login = await api(server, 'POST', '/auth/login', {
      json: { username: 'kirito', password: demoPassword },
    });
    expect(login.status, login.text).toBe(200);
    kirito = login.body.token;
  }, 180_000);

  afterAll(async () => {
    await demo?.parley.close();
    process.env.PARLEY_DATA_DIR = saved.dir;
    process.env.PARLEY_DATABASE_URL = saved.db;
    if (saved.dir === undefined) delete process.env.PARLEY_DATA_DIR;
    if (saved.db === undefined) delete process.env.PARLEY_DATABASE_URL;
    rmSync(root, { recursive: true, force: true });
  });

  it('lists the lobby, two groups and three direct chats, newest first, with today’s messages unread', async () => {
    const { conversations, totalUnread } = await get('/conversations');
    const titles = conversations.map((c: { kind: string; name: string; peer?: { username: string } }) =>
      c.kind === 'direct' ? `@${c.peer!.username}` : c.name,
    );
    expect([...titles].sort()).toEqual(
      ['@admin', '@alice', '@asuna', 'Lobby', 'Weekend Cooking Club', '艾恩葛朗特攻略组'].sort(),
    );
    const updated = conversations.map((c: { updatedAt: string }) => c.updatedAt);
    expect(updated).toEqual([...updated].sort().reverse());
    // Asuna wrote last, and asked for kirito by name in the 攻略组.
    expect(titles[0]).toBe('@asuna');
    const unread = Object.fromEntries(
      conversations.map((c: { unreadCount: number; mentionCount: number }, i: number) => [
        titles[i],
        [c.unreadCount, c.mentionCount],
      ]),
    );
    expect(unread).toEqual({
      '@asuna': [2, 0],
      艾恩葛朗特攻略组: [3, 1],
      'Weekend Cooking Club': [2, 0],
      '@admin': [1, 0],
      '@alice': [0, 0],
      Lobby: [0, 0],
    });
    expect(totalUnread).toBe(8);
    // Every face has a picture; the lobby is the server's own room and has none.
    for (const c of conversations.filter((c: { kind: string }) => c.kind !== 'lobby')) {
      expect(c.avatarSmall ?? c.peer.avatarSmall).toMatch(/^\/avatars\//);
    }
  });

  it('has days of history in Chinese and English, with pictures, files, voice, stickers, replies and reactions', async () => {
    const { conversations } = await get('/conversations');
    const messages: ApiResponse['body'][] = [];
    for (const c of conversations) {
      const page = await get(`/conversations/${c.id}/messages?limit=100`);
      expect(page.hasMore).toBe(false);
      messages.push(...page.messages);
    }
    const days = new Set(messages.map((m: { createdAt: string }) => m.createdAt.slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(5);
    for (const m of messages) expect(Date.parse(m.createdAt)).toBeLessThan(Date.now());
    const texts = messages.map((m: { text: string }) => m.text);
    expect(texts.filter((t: string) => han.test(t)).length).toBeGreaterThan(10);
    expect(texts.filter((t: string) => latinWords.test(t) && !han.test(t)).length).toBeGreaterThan(10);

    const ofKind = (kind: string) => messages.filter((m: { kind: string }) => m.kind === kind);
    const image = ofKind('image')[0];
    expect(image.text).not.toBe('');
    expect(image.attachment).toMatchObject({ kind: 'image', mime: 'image/jpeg', width: 960, height: 640 });
    const bytes = await download(server, kirito, image.attachment.thumbnailUrl);
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get('content-type')).toBe('image/webp');

    const files = ofKind('file').map((m: { attachment: { name: string; mime: string } }) => m.attachment);
    expect(files).toContainEqual(
      expect.objectContaining({ name: 'underworld-map-notes.pdf', mime: 'application/pdf' }),
    );
    const voices = ofKind('voice');
    expect(voices.length).toBeGreaterThanOrEqual(2);
    for (const v of voices)
      expect(v.attachment).toMatchObject({ mime: 'audio/ogg', durationMs: expect.any(Number) });
    const stickers = ofKind('sticker');
    expect(stickers.length).toBeGreaterThanOrEqual(3);
    for (const s of stickers) expect(s.sticker.packId).toBe('parley');

    expect(messages.filter((m: { replyTo: unknown }) => m.replyTo !== null).length).toBeGreaterThan(3);
    expect(messages.filter((m: { reactions: unknown[] }) => m.reactions.length > 0).length).toBeGreaterThan(
      3,
    );
    const me = await get('/me');
    expect(messages.some((m: { mentions: string[] }) => m.mentions.includes(me.id))).toBe(true);
  });

  it('gives kirito friends with profiles, and a friend request waiting for an answer', async () => {
    const { friends } = await get('/friends');
    const byName = Object.fromEntries(
      friends.map((f: { user: { username: string; bio: string; avatar: string } }) => [
        f.user.username,
        f.user,
      ]),
    );
    expect(Object.keys(byName).sort()).toEqual(['admin', 'alice', 'asuna']);
    expect(byName.asuna).toMatchObject({
      displayName: 'Asuna 亚丝娜',
      avatar: expect.stringMatching(/^\/avatars\//),
    });
    expect(byName.asuna.bio).not.toBe('');
    const { incoming } = await get('/friend-requests');
    expect(incoming).toHaveLength(1);
    expect(incoming[0]).toMatchObject({ from: { username: 'saber' }, status: 'pending' });
    expect(incoming[0].note).not.toBe('');
  });

  it('finds its history by search, and signs no seed device in', async () => {
    const { results } = await get(`/search/messages?q=${encodeURIComponent('Boss')}`);
    expect(results.length).toBeGreaterThan(2);
    const { sessions } = await get('/me/sessions');
    expect(sessions).toHaveLength(1);
  });

  it('reuses the world when started again, and never touches the data folder the environment names', async () => {
    const before = (await get('/conversations')).conversations.map((c: { lastSeq: number }) => c.lastSeq);
    await demo.parley.close();
    demo = await startDemo({ dataDir, port: 0 });
    server = { url: demo.url } as TestServer;
    expect(demo.seeded).toBe(false);
    const login = await api(server, 'POST', '/auth/login', {
      json: { username: 'kirito', password: demoPassword },
    });
    kirito = login.body.token;
    expect((await get('/conversations')).conversations.map((c: { lastSeq: number }) => c.lastSeq)).toEqual(
      before,
    );
    expect(existsSync(realDir) ? readdirSync(realDir) : []).toEqual([]);
    expect(readdirSync(dataDir)).toContain('parley.db');
  });

  it('refuses to seed a folder that is not its own, and leaves it as it was', async () => {
    mkdirSync(realDir, { recursive: true });
    writeFileSync(path.join(realDir, 'parley.db'), 'a real server’s data');
    await expect(startDemo({ dataDir: realDir, port: 0 })).rejects.toThrow(/not the demo's folder/);
    await expect(startDemo({ dataDir: realDir, port: 0, fresh: true })).rejects.toThrow(
      /not the demo's folder/,
    );
    expect(readdirSync(realDir)).toEqual(['parley.db']);
    expect(readFileSync(path.join(realDir, 'parley.db'), 'utf8')).toBe('a real server’s data');
  });
});
