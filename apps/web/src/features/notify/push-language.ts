import { i18next } from '../../i18n/index.ts';

/**
 * The service worker says "New message" (public/push.js) in the language the app uses here;
 * it cannot read localStorage, so the choice is kept where both can reach it: Cache Storage.
 */
const cacheName = 'parley-settings';

function save(language: string): void {
  if (typeof caches === 'undefined') return;
  void caches
    .open(cacheName)
    .then((cache) => cache.put('/parley-language', new Response(language)))
    .catch(() => {});
}

/** Keeps the worker's copy of the language current, now and on every change. */
export function keepPushLanguage(): void {
  if (i18next.language) save(i18next.language);
  i18next.on('languageChanged', save);
}
