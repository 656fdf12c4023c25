import { keepPushLanguage } from './features/notify/push-language.ts';
import { openConversation } from './util/route.ts';

/**
 * Registers the service worker that vite-plugin-pwa builds (sw.js: the app shell precached,
 * updated in the background). Not in development, where Vite serves modules one by one.
 * A notification tapped on a phone reaches the worker, which asks this window to open its chat.
 */
export function registerServiceWorker(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  keepPushLanguage();
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown; conversationId?: unknown } | null;
    if (data?.type === 'parley.open-conversation' && typeof data.conversationId === 'string') {
      openConversation(data.conversationId);
    }
  });
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((err: unknown) => {
      console.warn('service worker not registered', err);
    });
  });
}
