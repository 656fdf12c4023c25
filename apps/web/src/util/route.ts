import { useSyncExternalStore } from 'react';

/**
 * The app's only navigation state lives in the URL hash, so Back works on phones and a reload
 * reopens the same chat: `#/c/<conversationId>` is an open conversation, `#/` the lists.
 */
export interface Route {
  conversationId: string | null;
}

function read(): string {
  return location.hash;
}

function subscribe(listener: () => void): () => void {
  addEventListener('hashchange', listener);
  return () => removeEventListener('hashchange', listener);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, read);
  const match = /^#\/c\/([^/?#]+)/.exec(hash);
  return { conversationId: match ? decodeURIComponent(match[1]!) : null };
}

export function openConversation(conversationId: string): void {
  location.hash = `#/c/${encodeURIComponent(conversationId)}`;
}

export function closeConversation(): void {
  if (location.hash.startsWith('#/c/')) location.hash = '#/';
}
