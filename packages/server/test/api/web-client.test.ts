import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/testing.ts';

/**
 * How the server hands out the built web client: hashed assets cached for good, the page and
 * the service worker asked again every time (else an update never reaches an installed app),
 * client routes answered with the page, and a CSP that lets the app play a recording it holds.
 */
describe('serving the web client', () => {
  /** Like the build's: starts the signed-in chunk on a reload (apps/web/vite.config.ts). */
  const inlineScript = "if(localStorage.getItem('parley.session'))document.title='x'";
  let server: TestServer;
  let webDir: string;

  beforeAll(async () => {
    webDir = mkdtempSync(path.join(tmpdir(), 'parley-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(
      path.join(webDir, 'index.html'),
      `<!doctype html><title>Parley</title><script>${inlineScript}</script><script type="module" src="/assets/index-AbC123.js"></script>`,
    );
    writeFileSync(path.join(webDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(path.join(webDir, 'assets', 'index-AbC123.js'), 'console.log(1);');
    server = await startTestServer('sqlite', { webDir });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  async function get(url: string) {
    const response = await fetch(`${server.url}${url}`);
    return { response, body: await response.text() };
  }

  it('caches hashed assets for good and revalidates the page and the service worker', async () => {
    const asset = await get('/assets/index-AbC123.js');
    expect(asset.response.status).toBe(200);
    expect(asset.response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/sw.js']) {
      const { response } = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('answers client routes with the page, and unknown API paths with a JSON 404', async () => {
    const page = await get('/c/some-conversation');
    expect(page.response.status).toBe(200);
    expect(page.body).toContain('<title>Parley</title>');
    expect(page.response.headers.get('cache-control')).toBe('no-cache');
    const api = await get('/api/v1/no-such-route');
    expect(api.response.status).toBe(404);
    expect(JSON.parse(api.body).error.code).toBe('not_found');
  });

  it('allows only its own scripts (the inline one of the page by its hash), and blob: media for recordings', async () => {
    const { response } = await get('/');
    const csp = response.headers.get('content-security-policy') ?? '';
    const hash = createHash('sha256').update(inlineScript).digest('base64');
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}';`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("media-src 'self' blob:");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/font-src[^;]*https:/);
  });
});
