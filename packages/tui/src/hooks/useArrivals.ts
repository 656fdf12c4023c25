import { useEffect, useRef, useState } from 'react';
import type { Message } from '@parley/protocol';
import type { SessionState } from '@parley/sdk';

/** A new message in a chat that is not on screen. */
export interface Arrival {
  conversationId: string;
  message: Message;
}

/**
 * Watches each conversation's newest message and reports one that arrived in a chat I am not
 * looking at: not mine (from another device either), not a system notice, not in a chat I
 * muted (the rules of the web client's apps/web/src/features/notify/decide.ts). The terminal
 * bell rings with it. What the list held before its first load is not news.
 */
export function useArrivals(state: SessionState, openId: string | null): [Arrival | null, () => void] {
  const [arrival, setArrival] = useState<Arrival | null>(null);
  const seen = useRef<Map<string, string | undefined> | null>(null);
  useEffect(() => {
    // Until the list's first answer, what it holds is not news.
    if (!state.loaded.conversations) return;
    const latest = new Map(state.conversations.map((c) => [c.id, c.lastMessage?.id]));
    const before = seen.current;
    seen.current = latest;
    if (!before) return;
    for (const c of state.conversations) {
      const m = c.lastMessage;
      if (!m || before.get(c.id) === m.id) continue;
      if (m.senderId === null || m.senderId === state.me.id || m.kind === 'system') continue;
      if (c.notificationsMuted || c.id === openId) continue;
      setArrival({ conversationId: c.id, message: m });
      process.stdout.write('\u0007');
    }
  }, [state.conversations, state.loaded.conversations, state.me.id, openId]);
  // Opening the chat it is about answers it.
  useEffect(() => {
    if (arrival && arrival.conversationId === openId) setArrival(null);
  }, [arrival, openId]);
  return [arrival, () => setArrival(null)];
}
