import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { type Plugin, defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';

/** Which built files get a .br and a .gz beside them: text, and only where it pays. */
const compressible = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt)$/;
const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);

/**
 * The service worker and its Workbox runtime are written after the bundle (vite-plugin-pwa's
 * closeBundle), too late for the compression plugin, so they are compressed here, once the
 * worker is written: the same .br / .gz beside the file, kept only when smaller.
 */
function compressServiceWorker(): Plugin {
  let outDir = '';
  return {
    name: 'parley:compress-service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      sequential: true,
      order: 'post',
      async handler() {
        const names = (await readdir(outDir)).filter((n) => /^(?:sw|workbox-[\w-]+)\.js$/.test(n));
        for (const name of names) {
          const file = path.join(outDir, name);
          const bytes = await readFile(file);
          const br = await compressBrotli(bytes, {
            params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
          });
          const gz = await compressGzip(bytes, { level: constants.Z_BEST_COMPRESSION });
          if (br.length < bytes.length) await writeFile(`${file}.br`, br);
          if (gz.length < bytes.length) await writeFile(`${file}.gz`, gz);
        }
      },
    },
  };
}

/**
 * Fewer, larger chunks: by default the bundler cuts every module shared between two chunks
 * into a chunk of its own — 19 files before the sign-in page could paint and 29 more before
 * the chat list could — and on a phone each costs a round trip (a browser opens only six
 * connections to one HTTP/1.1 server). So: everything the entry imports is one chunk
 * ('$initial'), and everything the signed-in screens import without waiting (statically,
 * from MainLayout) is another. The dialogs, the image viewer and the emoji picker stay lazy:
 * whatever they share with the screens is already loaded by then.
 */
function twoChunks(): { plugin: Plugin; test: (id: string) => boolean } {
  const signedIn = new Set<string>();
  const plugin: Plugin = {
    name: 'parley:signed-in-chunk',
    apply: 'build',
    buildEnd() {
      const root = [...this.getModuleIds()].find((id) => id.endsWith('/features/layout/MainLayout.tsx'));
      const stack = root ? [root] : [];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (signedIn.has(id)) continue;
        signedIn.add(id);
        stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
    },
  };
  return { plugin, test: (id) => signedIn.has(id) };
}
const chunks = twoChunks();

/**
 * A reload while signed in needs the signed-in chunk at once, but the entry only asks for it
 * once it has downloaded and run — one whole round of a slow link later. A few bytes of
 * inline script in the page start it (and its stylesheet) beside the entry when
 * localStorage holds a session ('parley.session', model/saved-session.ts); the sign-in page
 * of a first visit still downloads none of it. The server allows this one inline script by
 * its hash (packages/server/src/http/web.ts).
 */
function preloadSignedIn(): Plugin {
  return {
    name: 'parley:preload-signed-in',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === 'chunk' && c.name === 'signed-in',
        );
        if (!chunk || chunk.type !== 'chunk') throw new Error('no signed-in chunk to preload');
        const files = [
          [`/${chunk.fileName}`, 'modulepreload'],
          ...[...(chunk.viteMetadata?.importedCss ?? [])].map((css) => [`/${css}`, 'stylesheet']),
        ];
        const script =
          `try{if(localStorage.getItem('parley.session'))for(const[h,r]of ${JSON.stringify(files)})` +
          `{const l=document.createElement('link');l.rel=r;l.href=h;l.crossOrigin='';document.head.append(l)}}catch{}`;
        return [{ tag: 'script', children: script, injectTo: 'head' }];
      },
    },
  };
}

/**
 * The web client. `npm run build` writes dist/, which the server serves at `/`. The service
 * worker (vite-plugin-pwa, Workbox) caches the app shell so the client opens with no network;
 * API, socket, media and avatar requests always go to the server. public/notification-click.js
 * is added to it: notifications shown through it (Chrome on Android) open their chat; and
 * public/push.js, which shows the server's Web Push notifications while the app is closed.
 * Every text file is also written brotli- and gzip-compressed (name.br, name.gz) at build time,
 * which the server sends to a browser that accepts them: no compressing per request.
 */
export default defineConfig({
  plugins: [
    react(),
    chunks.plugin,
    preloadSignedIn(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,json}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [
          /^\/api\//,
          /^\/ws/,
          /^\/media\//,
          /^\/avatars\//,
          /^\/stickers\//,
          /^\/emoji\//,
        ],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        // Opens the chat when a notification shown through the service worker is tapped; shows
        // a Web Push from the server as a notification (push.js).
        importScripts: ['/notification-click.js', '/push.js'],
      },
    }),
    // After the PWA plugin: its precache list is made of the original files only (its glob
    // patterns match no .br or .gz), and the worker it writes is compressed last.
    compression({ include: compressible, algorithms: ['brotliCompress', 'gzip'], logLevel: 'silent' }),
    compressServiceWorker(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'app', tags: ['$initial'], priority: 2 },
            { name: 'signed-in', test: chunks.test, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/media': 'http://localhost:8080',
      '/avatars': 'http://localhost:8080',
      '/stickers': 'http://localhost:8080',
      '/emoji': 'http://localhost:8080',
      '/ws': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
