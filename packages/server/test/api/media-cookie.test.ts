import { describe, expect, it } from 'vitest';
import { type Person, logIn, register } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { TestSocket } from '../support/socket.ts';
import { download, uniquePng, uploadReady } from '../support/uploads.ts';

/**
 * Issue 16: the `parley_media` cookie holds a media-only credential, not the session's bearer
 * token. It opens /media and nothing else, and ends with its session.
 */
describe.each(dialects)('the media cookie on %s', (dialect) => {
  const server = useServer(dialect, { sessionIdleDays: 30 });

  /** The value of the parley_media cookie POST /media/cookie sets for this session. */
  async function mediaCookieOf(who: Person): Promise<string> {
    const set = await api(server(), 'POST', '/media/cookie', { token: who.token });
    expect(set.status, set.text).toBe(204);
    const [, value] = /^parley_media=([^;]+)/.exec(set.headers.get('set-cookie') ?? '') ?? [];
    expect(value).toBeDefined();
    return decodeURIComponent(value!);
  }

  /** An image of alice's own (the uploader may always fetch it). */
  const anImageOf = async (who: Person) =>
    uploadReady(server(), who, { kind: 'image', filename: 'cat.png', bytes: await uniquePng() });

  const loadWithCookie = (url: string, value: string) =>
    download(server(), null, url, { cookie: `parley_media=${value}` });

  it('holds a credential that is not the session token, yet loads media and thumbnails', async () => {
    const alice = await register(server(), 'alice');
    const image = await anImageOf(alice);
    const value = await mediaCookieOf(alice);
    expect(value).not.toBe(alice.token);
    expect(value).not.toContain(alice.token);
    // Every tab of one session asks after its hello; they must all end up with a working value.
    expect(await mediaCookieOf(alice)).toBe(value);

    const viaCookie = await loadWithCookie(image.url, value);
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.bytes.equals((await download(server(), alice, image.url)).bytes)).toBe(true);
    expect((await loadWithCookie(image.thumbnailUrl, value)).status).toBe(200);
  });

  it('no longer accepts the session token itself as the media cookie', async () => {
    const alice = await register(server(), 'alice');
    const image = await anImageOf(alice);
    expectError((await loadWithCookie(image.url, alice.token)).asApi, 401, 'unauthenticated');
  });

  it('is refused as a bearer token on the API, on /media and in the WebSocket hello', async () => {
    const alice = await register(server(), 'alice');
    const image = await anImageOf(alice);
    const value = await mediaCookieOf(alice);
    // Shaped like a bearer token, so what refuses it is what it is, not how it looks.
    expect(value).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    expectError(await api(server(), 'GET', '/me', { token: value }), 401, 'unauthenticated');
    expectError(await api(server(), 'POST', '/media/cookie', { token: value }), 401, 'unauthenticated');
    expect((await download(server(), value, image.url)).status).toBe(401);

    const socket = await TestSocket.connect(server());
    const hello = await socket.request('hello', { token: value });
    expect(hello.error?.code).toBe('unauthenticated');
    expect(hello.ok).toBeUndefined();
    await socket.close();
  });

  it('stops loading media once its session logs out, while another session of the user keeps its own', async () => {
    const alice = await register(server(), 'alice');
    const phone = await logIn(server(), alice, 'Phone');
    const image = await anImageOf(alice);
    const laptopCookie = await mediaCookieOf(alice);
    const phoneCookie = await mediaCookieOf(phone);
    expect(phoneCookie).not.toBe(laptopCookie);
    expect((await loadWithCookie(image.url, laptopCookie)).status).toBe(200);

    expect((await api(server(), 'POST', '/auth/logout', { token: alice.token })).status).toBe(204);
    expectError((await loadWithCookie(image.url, laptopCookie)).asApi, 401, 'unauthenticated');
    expect((await loadWithCookie(image.url, phoneCookie)).status).toBe(200);
  });

  it('stops loading media once its session is revoked from another device', async () => {
    const alice = await register(server(), 'alice');
    const phone = await logIn(server(), alice, 'Phone');
    const image = await anImageOf(alice);
    const phoneCookie = await mediaCookieOf(phone);
    expect((await loadWithCookie(image.url, phoneCookie)).status).toBe(200);

    const revoked = await api(server(), 'DELETE', `/me/sessions/${phone.session.id}`, { token: alice.token });
    expect(revoked.status).toBe(204);
    expectError((await loadWithCookie(image.url, phoneCookie)).asApi, 401, 'unauthenticated');
  });

  it('stops loading media once its session has idled past the limit', async () => {
    const alice = await register(server(), 'alice');
    const image = await anImageOf(alice);
    const value = await mediaCookieOf(alice);
    const db = server().parley.services.store.db;
    const longAgo = new Date(Date.now() - 31 * 86_400_000).toISOString();
    await db
      .updateTable('sessions')
      .set({ last_seen_at: longAgo })
      .where('id', '=', alice.session.id)
      .execute();
    expectError((await loadWithCookie(image.url, value)).asApi, 401, 'unauthenticated');
    // The idle session is gone for the API too.
    expectError(await api(server(), 'GET', '/me', { token: alice.token }), 401, 'unauthenticated');
  });

  it('works for a session opened before media credentials existed, once its client asks for the cookie', async () => {
    const alice = await register(server(), 'alice');
    const image = await anImageOf(alice);
    const db = server().parley.services.store.db;
    await db
      .updateTable('sessions')
      .set({ media_token_hash: null })
      .where('id', '=', alice.session.id)
      .execute();
    const value = await mediaCookieOf(alice);
    expect((await loadWithCookie(image.url, value)).status).toBe(200);
  });
});
