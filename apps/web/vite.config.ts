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
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
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
