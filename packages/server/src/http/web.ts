import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const defaultWebDir = fileURLToPath(new URL('../../../../apps/web/dist/', import.meta.url));

/**
 * Serves the built web client at /, with index.html for any other page path so client-side
 * routes survive a reload. API and socket paths are never answered with the page.
 * The build writes each text file brotli- and gzip-compressed beside it (name.br, name.gz,
 * apps/web/vite.config.ts): a browser that accepts one gets it (Content-Encoding, with
 * `Vary: Accept-Encoding`), so a phone on a slow link downloads a third of the bytes and the
 * server compresses nothing per request.
 */
export async function serveWebClient(app: FastifyInstance, webDir: string | undefined): Promise<boolean> {
  const root = path.resolve(webDir ?? defaultWebDir);
  if (!existsSync(path.join(root, 'index.html'))) {
    app.log.warn({ root }, 'web client not built; run `npm run build -w @parley/web`');
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('Parley is running, but the web client is not built. Run: npm run build -w @parley/web\n'),
    );
    return false;
  }
  await app.register(fastifyStatic, {
    root,
    index: 'index.html',
    preCompressed: true,
    cacheControl: false,
    // Built files under /assets/ have a content hash in their name: cache them for good. The
    // page, the service worker and the manifest must be asked again every time, or an update
    // would never reach a browser that has the old ones.
    setHeaders: (reply, filePath) => {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return true;
}

/**
 * The Content-Security-Policy sources ('sha256-…') that allow the page's own inline scripts
 * and no other: the build writes one into index.html, which starts the signed-in screens'
 * download on a reload before the app's entry has run (apps/web/vite.config.ts). Read once at
 * start; none when the client is not built.
 */
export function inlineScriptSources(webDir: string | undefined): string[] {
  const page = path.join(path.resolve(webDir ?? defaultWebDir), 'index.html');
  if (!existsSync(page)) return [];
  const html = readFileSync(page, 'utf8');
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body!).digest('base64')}'`,
  );
}

/** Whether a request that matched no route should get the web client's index.html. */
export function wantsPage(method: string, url: string): boolean {
  return method === 'GET' && !url.startsWith('/api/') && url !== '/ws' && !path.extname(url);
}
