import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The web client. `npm run build` writes dist/, which the server serves at `/`. The service
 * worker (vite-plugin-pwa, Workbox) caches the app shell so the client opens with no network;
 * API, socket, media and avatar requests always go to the server. public/notification-click.js
 * is added to it: notifications shown through it (Chrome on Android) open their chat.
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
        // Opens the chat when a notification shown through the service worker is tapped.
        importScripts: ['/notification-click.js'],
      },
    }),
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
