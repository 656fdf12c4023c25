import { type RefObject, useCallback, useRef, useState } from 'react';
import type { ListRefs, Rendered } from './list-refs.ts';
import type { useTimers } from './use-timers.ts';

/**
 * Following the bottom like a chat: the list stays at the end while the user is there (what I
 * just sent always shows, others' messages only when I was at the bottom), rows that grow at
 * the end stay in view, and "latest messages" takes the user back down. `openedAtKey` is the
 * last row when the list first showed: it opens at the bottom, so that row is followed already.
 */
export function useFollow(
  refs: ListRefs,
  latest: RefObject<Rendered>,
  timers: ReturnType<typeof useTimers>,
  openedAtKey: string | undefined,
) {
  const [atBottom, setAtBottom] = useState(true);
  /** The last seq when the user scrolled away from the bottom: what came after counts as new. */
  const [leftAtSeq, setLeftAtSeq] = useState<number | null>(null);
  const followedKey = useRef(openedAtKey);
  const heightFirstIndex = useRef<number | null>(null);

  const onAtBottom = useCallback(
    (bottom: boolean) => {
      refs.atBottomReported.current = bottom;
      refs.atBottomNow.current = bottom;
      setAtBottom(bottom);
      setLeftAtSeq(bottom ? null : (latest.current.view.messages.at(-1)?.seq ?? 0));
    },
    [refs, latest],
  );

  const followOutput = useCallback(
    (bottom: boolean) => {
      // Only rows added at the end move the list (a page of history put in front must not).
      const last = latest.current.items.at(-1);
      if (last?.key === followedKey.current) return false;
      followedKey.current = last?.key;
      // What I just sent is always shown; others' messages only when I am at the bottom already.
      if (last?.kind === 'pending' && last.item.status !== 'failed' && last.item.attempts <= 1) return 'auto';
      return bottom ? 'smooth' : false;
    },
    [latest],
  );

  const onHeightChange = useCallback(() => {
    // A row at the bottom grew (reactions, an edit): keep it in view, unless history went in front.
    const { firstItemIndex } = latest.current;
    const prepended = heightFirstIndex.current !== null && firstItemIndex !== heightFirstIndex.current;
    heightFirstIndex.current = firstItemIndex;
    if (!prepended && refs.atBottomNow.current && !refs.jump.current)
      refs.virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end' });
  }, [refs, latest]);

  /**
   * The "latest messages" button: a smooth scroll when the end is near, else a jump (a long
   * smooth scroll over rows not measured yet stops short of the end), and a last step without
   * animation if rows measured on the way still left it short.
   */
  const goToLatest = useCallback(() => {
    const { items, firstItemIndex } = latest.current;
    const near = firstItemIndex + items.length - 1 - refs.rendered.current.endIndex < 15;
    refs.virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: near ? 'smooth' : 'auto' });
    timers.later(() => {
      if (!refs.atBottomReported.current)
        refs.virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end' });
    }, 700);
  }, [refs, latest, timers]);

  return { atBottom, leftAtSeq, onAtBottom, followOutput, onHeightChange, goToLatest };
}
