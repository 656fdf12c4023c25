import { useSyncExternalStore } from 'react';

/**
 * The app's only navigation state lives in the URL hash, so Back works on phones and a reload
 * reopens the same chat: `#/c/<conversationId>` is an open conversation, `#/` the lists, and
 * `#/c/<conversationId>/m/<seq>` an open conversation scrolled to one message (a search result).
 */
export interface Route {
  conversationId: string | null;
  /** The message to show once the conversation is open; null for the usual place (the bottom). */
  messageSeq: number | null;
}

function read(): string {
  return location.hash;
}

function subscribe(listener: () => void): () => void {
  addEventListener('hashchange', listener);
  return () => removeEventListener('hashchange', listener);
}

export function useRoute(): Route {
  return routeOf(useSyncExternalStore(subscribe, read));
}

/** The route a URL hash names. */
export function routeOf(hash: string): Route {
  const match = /^#\/c\/([^/?#]+)(?:\/m\/(\d+))?/.exec(hash);
  return {
    conversationId: match ? decodeURIComponent(match[1]!) : null,
    messageSeq: match?.[2] ? Number(match[2]) : null,
  };
}

export function openConversation(conversationId: string): void {
  location.hash = `#/c/${encodeURIComponent(conversationId)}`;
}

/** Opens a conversation at one message; the chat jumps to it and highlights it. */
export function openMessage(conversationId: string, seq: number): void {
  location.hash = `#/c/${encodeURIComponent(conversationId)}/m/${seq}`;
}

/**
 * Drops the message from the URL once the chat has jumped to it, without a history entry
 * (and without a hashchange), so Back goes where it went before and opening the same result
 * again is a change that jumps again.
 */
export function settleMessage(conversationId: string): void {
  const plain = `#/c/${encodeURIComponent(conversationId)}`;
  if (location.hash.startsWith(`${plain}/m/`)) history.replaceState(history.state, '', plain);
}

export function closeConversation(): void {
  if (location.hash.startsWith('#/c/')) location.hash = '#/';
}
