import { type RefObject, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from '../../../ui/toast.tsx';
import type { JumpTarget, ListRefs, Rendered } from './list-refs.ts';
import { showsSeq } from './timeline-items.ts';
import { olderPage } from './use-older.ts';
import type { useTimers } from './use-timers.ts';

const highlightMs = 2000;

interface JumpOptions {
  refs: ListRefs;
  latest: RefObject<Rendered>;
  timers: ReturnType<typeof useTimers>;
  loadOlder(count?: number): Promise<number | null>;
  hasOlder(): boolean;
  /** My read cursor and unread count when the conversation was opened. */
  opened: { readSeq: number; unread: number };
}

/**
 * Jumps to a message (a reply's quote, a search result, an announcement) or to the "new messages" line: scrolls
 * when its row is held, else loads older pages until it is; the message is highlighted for a
 * moment. Also the "N new messages" pill above, shown until that line has been on screen.
 */
export function useJump({ refs, latest, timers, loadOlder, hasOlder, opened }: JumpOptions) {
  const { t } = useTranslation('chat');
  const [highlight, setHighlight] = useState<number | null>(null);
  const [unreadPill, setUnreadPill] = useState(opened.unread > 0);
  const stopFlash = useRef<(() => void) | null>(null);

  /** Marks a message for `highlightMs`; marking again restarts the time. */
  const flash = useCallback(
    (seq: number) => {
      setHighlight(seq);
      stopFlash.current?.();
      stopFlash.current = timers.later(() => setHighlight((h) => (h === seq ? null : h)), highlightMs);
    },
    [timers],
  );

  /**
   * Scrolls to a message again if it is not on screen a moment after a jump: rows still being
   * measured, or a fill appended while the list followed the bottom, can carry the list away
   * from it (seen when a search result opens a chat that is still catching up).
   */
  const ensureShown = useCallback(
    function ensure(seq: number, tries: number) {
      timers.later(() => {
        const { items, firstItemIndex } = latest.current;
        const index = items.findIndex((item) => showsSeq(item, seq));
        const { startIndex, endIndex } = refs.rendered.current;
        if (index < 0) return;
        if (firstItemIndex + index >= startIndex && firstItemIndex + index <= endIndex) {
          // On screen now: the mark lasts its full time from here, however slow the way was.
          flash(seq);
          return;
        }
        refs.atBottomNow.current = false;
        refs.virtuoso.current?.scrollToIndex({ index, align: 'center', behavior: 'auto' });
        if (tries > 1) ensure(seq, tries - 1);
      }, 700);
    },
    [refs, latest, timers, flash],
  );

  /** runJump as last rendered, for trying again once an older page is in. */
  const again = useRef<() => void>(() => {});

  /** Tries the pending jump: scrolls when its row is held, else loads an older page and tries again. */
  const runJump = useCallback((): void => {
    const { items, view } = latest.current;
    const asked = refs.jump.current;
    if (!asked) return;
    // A message asked for by id is a jump by seq from the moment it is held.
    const held = asked.kind === 'id' ? view.messages.find((m) => m.id === asked.messageId) : undefined;
    const target: JumpTarget = held ? { kind: 'seq', seq: held.seq } : asked;
    refs.jump.current = target;
    const index = items.findIndex((item) =>
      target.kind === 'unread' ? item.kind === 'unread' : target.kind === 'seq' && showsSeq(item, target.seq),
    );
    if (index >= 0) {
      refs.jump.current = null;
      // Rows measured on the way must not pull the list back down (see useFollow's onHeightChange).
      refs.atBottomNow.current = false;
      timers.later(() => (refs.atBottomNow.current = refs.atBottomReported.current), 600);
      // After react-virtuoso has taken in rows just prepended (it shifts the scroll position for them).
      timers.nextFrame(() =>
        timers.nextFrame(() =>
          refs.virtuoso.current?.scrollToIndex({ index, align: 'center', behavior: 'auto' }),
        ),
      );
      if (target.kind === 'seq') {
        flash(target.seq);
        ensureShown(target.seq, 3);
      } else setUnreadPill(false);
      return;
    }
    const older =
      target.kind === 'seq' ? view.start >= target.seq : target.kind === 'id' || view.start > opened.readSeq;
    if (older && hasOlder())
      // Once the page is in (and rendered), look again: maybe one more page is needed. A
      // message far back (a search result) is reached in one load, with a few rows above it.
      void loadOlder(
        target.kind === 'seq' ? Math.max(olderPage, view.start - target.seq + 11) : olderPage,
      ).then((added) => {
        if (added === null) refs.jump.current = null;
        else timers.later(() => again.current(), 0);
      });
    else {
      refs.jump.current = null;
      if (target.kind !== 'unread') toast(t('reply.notFound'), 'error');
      else setUnreadPill(false);
    }
  }, [refs, latest, timers, loadOlder, hasOlder, opened.readSeq, t, ensureShown, flash, again]);
  useLayoutEffect(() => {
    again.current = runJump;
  });

  const jumpTo = useCallback(
    (target: JumpTarget) => {
      refs.jump.current = target;
      runJump();
    },
    [refs, runJump],
  );

  return { jumpTo, highlight, unreadPill, hidePill: () => setUnreadPill(false) };
}
