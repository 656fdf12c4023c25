import { useCallback } from 'react';
import type { Message } from '@parley/protocol';
import type { ParleySession } from '@parley/sdk';
import type { PaneLine } from '../format/message-lines.ts';
import { useSyncedState } from './useSyncedState.ts';

/** What the user is doing in the open chat, besides writing. */
export interface ChatViewState {
  openId: string | null;
  /** Rows scrolled up from the newest (0: the newest are on screen). */
  scroll: number;
  /** The message ↑/↓ chose (what Ctrl+R and Ctrl+E act on); null: none. */
  selectedId: string | null;
  replyTo: Message | null;
  /** The reaction picker is showing. */
  picking: boolean;
}

const closed: ChatViewState = { openId: null, scroll: 0, selectedId: null, replyTo: null, picking: false };

/**
 * The open chat's scroll position, chosen message, reply and reaction picker, and the moves
 * between them. The moves take the chat pane's current `lines` and its height in `rows`.
 */
export function useChatView(session: ParleySession) {
  const [view, setView, latest] = useSyncedState<ChatViewState>(closed);

  const open = useCallback(
    (conversationId: string) => {
      setView({ ...closed, openId: conversationId });
      // Offline, both fail and are tried again after the next hello; the chat shows what is held.
      session.chats.open(conversationId).catch(() => {});
      // For the group's "n online" (the session keeps them current from then on).
      session.loadMembers(conversationId).catch(() => {});
    },
    [session, setView],
  );

  /** Scrolls by `by` rows (positive: up, to older); at the top, asks for older messages. */
  const scrollBy = (by: number, lines: readonly PaneLine[], rows: number) => {
    const maxScroll = Math.max(0, lines.length - rows);
    const { scroll, openId } = latest.current;
    const next = Math.min(maxScroll, Math.max(0, scroll + by));
    setView((v) => ({ ...v, scroll: next }));
    if (by > 0 && next === maxScroll && openId && session.messages.hasOlder(openId)) {
      void session.messages.loadOlder(openId).catch(() => {});
    }
  };

  /** Chooses the message before (-1) or after (+1) the chosen one, scrolling it into view. */
  const selectStep = (step: -1 | 1, lines: readonly PaneLine[], rows: number) => {
    const ids = [...new Set(lines.flatMap((l) => (l.messageId ? [l.messageId] : [])))];
    if (ids.length === 0) return;
    const { selectedId, openId } = latest.current;
    const at = selectedId ? ids.indexOf(selectedId) : ids.length;
    const nextIndex = at + step;
    if (nextIndex >= ids.length) {
      setView((v) => ({ ...v, selectedId: null, scroll: 0 }));
      return;
    }
    const id = ids[Math.max(0, nextIndex)]!;
    setView((v) => ({ ...v, selectedId: id, scroll: scrollShowing(lines, id, v.scroll, rows) }));
    if (nextIndex <= 0 && openId && session.messages.hasOlder(openId)) {
      void session.messages.loadOlder(openId).catch(() => {});
    }
  };

  return {
    view,
    /** The state as the last move left it, for keys that come before the next render. */
    latest,
    open,
    scrollBy,
    selectStep,
    setReplyTo: (replyTo: Message | null) => setView((v) => ({ ...v, replyTo, picking: false })),
    setPicking: (picking: boolean) => setView((v) => ({ ...v, picking })),
    clearSelection: () => setView((v) => ({ ...v, selectedId: null, scroll: 0 })),
    close: () => setView(closed),
  };
}

/** A scroll offset that keeps the current one if the message's rows are on screen, else brings them in. */
function scrollShowing(lines: readonly PaneLine[], id: string, scroll: number, rows: number): number {
  const first = lines.findIndex((l) => l.messageId === id);
  const last = lines.findLastIndex((l) => l.messageId === id);
  if (first < 0) return scroll;
  const end = lines.length - scroll; // one past the last row shown
  if (first < end - rows) return Math.max(0, lines.length - first - rows);
  if (last >= end) return Math.max(0, lines.length - last - 1);
  return scroll;
}
