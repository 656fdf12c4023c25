/*
 * Part of the service worker (vite.config.ts adds it with Workbox's importScripts). Chrome on
 * Android lets a page show notifications only through its service worker
 * (registration.showNotification, see src/features/notify/desktop.ts); tapping one lands here
 * and opens its chat: an open Parley window is brought forward and told which chat, else a
 * new window opens on it.
 */
const conversationIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Opens the chat in a Parley window; named on `self` so the browser tests can call it. */
self.parleyOpenConversation = async (conversationId) => {
  if (typeof conversationId !== 'string' || !conversationIdPattern.test(conversationId)) return;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (open) {
    await open.focus().catch(() => {});
    open.postMessage({ type: 'parley.open-conversation', conversationId });
    return;
  }
  await self.clients.openWindow(`/#/c/${conversationId}`);
};

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data;
  event.waitUntil(self.parleyOpenConversation(data && data.conversationId));
});
