import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/testing.ts';
import { befriend, people } from '../support/factories.ts';
import { api } from '../support/http.ts';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as they came over the wire (fetch would decode them). */
  body: Buffer;
}

function getRaw(url: string, acceptEncoding?: string, token?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (acceptEncoding !== undefined) headers['accept-encoding'] = acceptEncoding;
    if (token) headers.authorization = `Bearer ${token}`;
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

function decoded(res: RawResponse): Buffer {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(res.body);
  if (encoding === 'gzip') return gunzipSync(res.body);
  return res.body;
}

/**
 * The web client's build writes each text file brotli- and gzip-compressed beside it
 * (apps/web/vite.config.ts); the server sends the one the browser accepts, so a phone opening
 * the sign-in page downloads the compressed script, and decodes exactly the built file.
 */
describe('serving the web client compressed', () => {
  let server: TestServer;
  let webDir: string;
  const script = '/assets/index-AbC123.js';
  // Big and repetitive enough that both encodings shrink it a lot, as a real bundle does.
  const scriptBytes = Buffer.from(
    Array.from({ length: 400 }, (_, i) => `export const value${i} = "sign-in page ${i} 你好";\n`).join(''),
  );

  beforeAll(async () => {
    webDir = mkdtempSync(path.join(tmpdir(), 'parley-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    const page = Buffer.from(
      `<!doctype html><title>Parley</title><script type="module" src="${script}"></script>`,
    );
    const files: [string, Buffer][] = [
      ['index.html', page],
      ['sw.js', Buffer.from('self.addEventListener("fetch", () => {});'.repeat(20))],
      [script.slice(1), scriptBytes],
    ];
    for (const [name, bytes] of files) {
      writeFileSync(path.join(webDir, name), bytes);
      writeFileSync(path.join(webDir, `${name}.br`), brotliCompressSync(bytes));
      writeFileSync(path.join(webDir, `${name}.gz`), gzipSync(bytes));
    }
    // No compressed copies, as the build leaves images.
    writeFileSync(
      path.join(webDir, 'assets', 'icon-AbC123.png'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
    );
    server = await startTestServer('sqlite', { webDir });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it("sends the sign-in page's script in the encoding the browser accepts, decoding to the built file", async () => {
    const page = decoded(await getRaw(`${server.url}/`, 'gzip, deflate, br'));
    const src = /<script[^>]*src="([^"]+)"/.exec(page.toString())![1]!;
    expect(src).toBe(script);
    const built = readFileSync(path.join(webDir, src));

    for (const [accept, encoding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['identity', undefined],
      [undefined, undefined],
    ] as const) {
      const res = await getRaw(`${server.url}${src}`, accept);
      expect(res.status, `Accept-Encoding: ${accept}`).toBe(200);
      expect(res.headers['content-encoding'], `Accept-Encoding: ${accept}`).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
      expect(res.headers.vary?.toLowerCase()).toContain('accept-encoding');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      if (encoding) expect(res.body.length).toBeLessThan(built.length / 3);
      expect(decoded(res).equals(built), `Accept-Encoding: ${accept}`).toBe(true);
    }
  });

  it('compresses the page (on a client route too) and the service worker, which stay uncached', async () => {
    const html = readFileSync(path.join(webDir, 'index.html'));
    for (const url of ['/', '/index.html', '/c/some-conversation']) {
      const res = await getRaw(`${server.url}${url}`, 'br');
      expect(res.status, url).toBe(200);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(decoded(res).equals(html), url).toBe(true);
    }
    const sw = await getRaw(`${server.url}/sw.js`, 'gzip');
    expect(sw.headers['content-encoding']).toBe('gzip');
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(decoded(sw).equals(readFileSync(path.join(webDir, 'sw.js')))).toBe(true);
  });

  it('sends a file that has no compressed copy as it is', async () => {
    const res = await getRaw(`${server.url}/assets/icon-AbC123.png`, 'gzip, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.body.equals(readFileSync(path.join(webDir, 'assets', 'icon-AbC123.png')))).toBe(true);
  });
});

/**
 * The API's JSON answers are compressed too once past 1 KB (a page of history shrinks 5–8×),
 * decoding to the same answer a client that takes no encoding gets; small ones go as they are.
 */
describe('compressing API answers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sends a page of history compressed to a client that accepts it, and plain to one that does not', async () => {
    const [ann, ben] = await people(server, 'ann', 'ben');
    await befriend(server, ann, ben);
    const chat = await api(server, 'POST', '/conversations/direct', {
      token: ann.token,
      json: { userId: ben.user.id },
    });
    for (let i = 0; i < 30; i += 1) {
      const sent = await api(server, 'POST', `/conversations/${chat.body.id}/messages`, {
        token: ann.token,
        json: { clientMsgId: crypto.randomUUID(), text: `message ${i}: see you at the station at eight` },
      });
      expect(sent.status).toBe(201);
    }
    const url = `${server.url}/api/v1/conversations/${chat.body.id}/messages?limit=30`;
    const plain = await getRaw(url, undefined, ann.token);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString()).messages).toHaveLength(30);
    for (const encoding of ['br', 'gzip']) {
      const res = await getRaw(url, encoding, ann.token);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers.vary?.toLowerCase()).toContain('accept-encoding');
      expect(res.body.length).toBeLessThan(plain.body.length / 3);
      expect(JSON.parse(decoded(res).toString())).toEqual(JSON.parse(plain.body.toString()));
    }
    const small = await getRaw(`${server.url}/api/v1/me`, 'br', ann.token);
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
