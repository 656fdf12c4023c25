import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import yauzl from 'yauzl';
import { type Person, befriend, people } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { sendAttachment, uniquePng, uploadReady } from '../support/uploads.ts';

/** Every file in a zip, by its path, read with yauzl (which checks each entry's CRC). */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const files = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err2, stream) => {
          if (err2) return reject(err2);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

describe.each(dialects)('exporting my data on %s', (dialect) => {
  const server = useServer(dialect);

  const send = async (who: Person, conversationId: string, text: string) => {
    const res = await api(server(), 'POST', `/conversations/${conversationId}/messages`, {
      token: who.token,
      json: { clientMsgId: randomUUID(), text },
    });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string };
  };

  const exportOf = async (who: Person) => {
    const res = await fetch(`${server().url}/api/v1/me/export`, {
      headers: { authorization: `Bearer ${who.token}` },
    });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  const json = (files: Map<string, Buffer>, name: string) => {
    const file = files.get(name);
    expect(file, `${name} in the export`).toBeDefined();
    return JSON.parse(file!.toString('utf8'));
  };
  const texts = (doc: { messages: { text: string }[] }) => doc.messages.map((m) => m.text);

  it('holds my profile, friends, my chats only while I was in them, my uploads and escaped HTML', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [withBob] = await befriend(server(), alice, bob);
    const chat = withBob.conversationId as string;

    // The direct chat: an image, a script in a message, an edit and a recall.
    const png = await uniquePng(16, 12);
    const upload = await uploadReady(server(), alice, { kind: 'image', filename: 'holiday.png', bytes: png });
    await send(alice, chat, 'hello bob');
    await send(bob, chat, '<script>alert("pwned")</script> & more');
    expect((await sendAttachment(server(), alice, chat, upload.id, 'the beach')).status).toBe(201);
    const typo = await send(alice, chat, 'see you tomorow');
    expect(
      (
        await api(server(), 'PATCH', `/messages/${typo.id}`, {
          token: alice.token,
          json: { text: 'see you tomorrow' },
        })
      ).status,
    ).toBe(200);
    const regret = await send(bob, chat, 'something bob regrets');
    expect((await api(server(), 'POST', `/messages/${regret.id}/recall`, { token: bob.token })).status).toBe(
      200,
    );

    // A group alice joined late: what was said before she came is not hers to export.
    const late = await makeGroup(server(), carol, { name: 'Class 3', joinPolicy: 'open' });
    await send(carol, late.id, 'said before alice came');
    expect((await api(server(), 'POST', `/groups/${late.id}/join`, { token: alice.token })).status).toBe(200);
    await send(carol, late.id, 'welcome alice');

    // A group alice was in for a while and left: only that while.
    const left = await makeGroup(server(), carol, { name: 'Choir', joinPolicy: 'open' });
    await send(carol, left.id, 'before alice');
    expect((await api(server(), 'POST', `/groups/${left.id}/join`, { token: alice.token })).status).toBe(200);
    await send(carol, left.id, 'while alice was there');
    expect((await api(server(), 'POST', `/groups/${left.id}/leave`, { token: alice.token })).status).toBe(
      204,
    );
    await send(carol, left.id, 'after alice left');

    const { res, bytes } = await exportOf(alice);
    expect(res.status, bytes.toString()).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="?parley-export-${alice.username}-\\d{4}-\\d{2}-\\d{2}\\.zip"?$`),
    );
    const files = await unzip(bytes);

    const profile = json(files, 'profile.json');
    expect(profile.user).toMatchObject({ id: alice.user.id, username: alice.username, displayName: 'Alice' });
    expect(profile.settings).toHaveProperty('readReceipts');
    expect(profile.sessions.map((s: { deviceName: string }) => s.deviceName)).toEqual([
      alice.session.deviceName,
    ]);
    expect(JSON.stringify(profile)).not.toContain(alice.token);

    const friends = json(files, 'friends.json');
    expect(friends.friends.map((f: { user: { id: string } }) => f.user.id)).toEqual([bob.user.id]);

    const direct = json(files, `conversations/${chat}/messages.json`);
    expect(direct.conversation).toMatchObject({ id: chat, kind: 'direct', name: `Bob (@${bob.username})` });
    const said = direct.messages.filter((m: { kind: string }) => m.kind !== 'system');
    expect(said.map((m: { text: string }) => m.text)).toEqual([
      'hello bob',
      '<script>alert("pwned")</script> & more',
      'the beach',
      'see you tomorrow',
      '',
    ]);
    expect(said[1]).toMatchObject({ senderId: bob.user.id, senderName: `Bob (@${bob.username})` });
    expect(said[2]).toMatchObject({ kind: 'image', file: 'uploads/holiday.png' });
    expect(said[2].attachment).toMatchObject({ id: upload.id, name: 'holiday.png' });
    expect(said[3].editedAt).not.toBeNull();
    expect(said[4]).toMatchObject({ id: regret.id, recalledBy: bob.user.id, text: '', attachment: null });
    expect(said[4].recalledAt).not.toBeNull();
    expect(files.get('uploads/holiday.png')!.equals(png)).toBe(true);

    const html = files.get(`conversations/${chat}/index.html`)!.toString('utf8');
    expect(html).toContain('&#60;script&#62;alert(&#34;pwned&#34;)&#60;/script&#62; &#38; more');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Content-Security-Policy');
    expect(html).toContain('see you tomorrow');
    expect(html).not.toContain('something bob regrets');
    expect(html).toContain('href="../../uploads/holiday.png"');

    expect(texts(json(files, `conversations/${late.id}/messages.json`))).toContain('welcome alice');
    expect(texts(json(files, `conversations/${late.id}/messages.json`))).not.toContain(
      'said before alice came',
    );
    const lateHtml = files.get(`conversations/${late.id}/index.html`)!.toString('utf8');
    expect(lateHtml).toContain('welcome alice');
    expect(lateHtml).not.toContain('said before alice came');

    const choir = json(files, `conversations/${left.id}/messages.json`);
    expect(choir.conversation).toMatchObject({ name: 'Choir', member: false });
    expect(texts(choir)).toContain('while alice was there');
    expect(texts(choir)).not.toContain('before alice');
    expect(texts(choir)).not.toContain('after alice left');

    const index = files.get('index.html')!.toString('utf8');
    for (const id of [chat, late.id, left.id]) expect(index).toContain(`conversations/${id}/index.html`);

    // Bob's export is bob's: his profile, the chat with alice, none of alice's files or groups.
    const ofBob = await unzip((await exportOf(bob)).bytes);
    expect(json(ofBob, 'profile.json').user.id).toBe(bob.user.id);
    expect([...ofBob.keys()].filter((name) => name.startsWith('uploads/'))).toEqual([]);
    expect([...ofBob.keys()].some((name) => name.includes(late.id) || name.includes(left.id))).toBe(false);
    expect(texts(json(ofBob, `conversations/${chat}/messages.json`))).toContain('hello bob');
  });

  it('names files safely and once each, and refuses a second export while one is downloading', async () => {
    const [dave] = await people(server(), 'dave');
    // Big enough that the download cannot finish into the sockets' buffers while unread.
    const big = randomBytes(24 * 1024 * 1024);
    await uploadReady(server(), dave, { kind: 'file', filename: 'notes.txt', bytes: Buffer.from('first') });
    await uploadReady(server(), dave, { kind: 'file', filename: 'NOTES.txt', bytes: Buffer.from('second') });
    await uploadReady(server(), dave, { kind: 'file', filename: 'a:b?.bin', bytes: big });

    const first = await fetch(`${server().url}/api/v1/me/export`, {
      headers: { authorization: `Bearer ${dave.token}` },
    });
    expect(first.status).toBe(200);
    const second = await api(server(), 'GET', '/me/export', { token: dave.token });
    expectError(second, 429, 'rate_limited');
    expect(second.body.error.message).toMatch(/already running/);

    const files = await unzip(Buffer.from(await first.arrayBuffer()));
    expect(files.get('uploads/notes.txt')!.toString()).toBe('first');
    expect(files.get('uploads/NOTES (2).txt')!.toString()).toBe('second');
    expect(files.get('uploads/a_b_.bin')!.equals(big)).toBe(true);

    // Once the first download is over, dave may export again; so too after giving one up.
    const again = { timeout: 60_000, interval: 100 };
    await vi.waitFor(async () => expect((await exportOf(dave)).res.status).toBe(200), again);
    const givenUp = await fetch(`${server().url}/api/v1/me/export`, {
      headers: { authorization: `Bearer ${dave.token}` },
    });
    expect(givenUp.status).toBe(200);
    const reader = givenUp.body!.getReader();
    await reader.read();
    await reader.cancel();
    await vi.waitFor(async () => expect((await exportOf(dave)).res.status).toBe(200), again);
  });

  it('needs a session', async () => {
    expectError(await api(server(), 'GET', '/me/export'), 401, 'unauthenticated');
  });
});
