/**
 * Registers the service worker that vite-plugin-pwa builds (sw.js: the app shell precached,
 * updated in the background). Not in development, where Vite serves modules one by one.
 */
export function registerServiceWorker(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((err: unknown) => {
      console.warn('service worker not registered', err);
    });
  });
}
