/*
 * Part of the service worker (vite.config.ts adds it with Workbox's importScripts, after
 * notification-click.js). A Web Push from the Parley server (PROTOCOL.md, "Push
 * notifications") arrives here even when no Parley window is open; the browser has already
 * decrypted it with this device's keys. It becomes a notification, one per conversation (tag),
 * whose tap notification-click.js turns into opening that chat.
 *
 * The text the server leaves out (previews off, a photo or voice message) is said in the
 * language the app last used on this device, which the page keeps in the Cache Storage
 * (src/features/notify/push-language.ts): a service worker cannot read localStorage.
 */
const pushStrings = {
  en: { newMessage: 'New message', mentioned: 'Mentioned you', app: 'Parley' },
  zh: { newMessage: '新消息', mentioned: '有人提到了你', app: 'Parley' },
};

async function pushLanguage() {
  try {
    const cache = await caches.open('parley-settings');
    const saved = await cache.match('/parley-language');
    const language = saved ? await saved.text() : self.navigator.language;
    return language && language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  } catch {
    return 'en';
  }
}

/** What the server sent, or null for anything else (a push must not break on a bad payload). */
function readPush(event) {
  try {
    const data = event.data && event.data.json();
    if (!data || typeof data.conversationId !== 'string' || typeof data.tag !== 'string') return null;
    return data;
  } catch {
    return null;
  }
}

/**
 * A window of the app in front of the user shows the message itself (and the server pushes
 * only to people with no socket open, so this is the moment between a socket closing and the
 * page being hidden). Anything else — no window, or one in the background — gets the notification.
 */
async function someWindowInFront() {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  return windows.some((w) => w.visibilityState === 'visible' && w.focused);
}

/** Shows the notification for a push; named on `self` so the browser tests can call it too. */
self.parleyShowPush = async (data) => {
  if (!data || (await someWindowInFront())) return;
  const strings = pushStrings[await pushLanguage()];
  const body =
    typeof data.body === 'string' && data.body
      ? data.body
      : data.mention
        ? strings.mentioned
        : strings.newMessage;
  await self.registration.showNotification(
    typeof data.title === 'string' && data.title ? data.title : strings.app,
    {
      body,
      tag: data.tag,
      // A newer message in the same chat buzzes again instead of silently replacing the last.
      renotify: true,
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      data: { conversationId: data.conversationId },
    },
  );
};

self.addEventListener('push', (event) => {
  event.waitUntil(self.parleyShowPush(readPush(event)));
});
