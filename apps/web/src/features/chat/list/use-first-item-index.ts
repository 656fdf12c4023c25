import { useMemo, useRef } from 'react';
import type { TimelineItem } from './timeline-items.ts';

/** Far from 0 so that any history prepended keeps it positive (react-virtuoso asks for that). */
const base = 100_000_000;

/**
 * react-virtuoso's `firstItemIndex` for a list that grows at the front: it goes down by as
 * many rows as were put before the first message shown before, so the rows on screen keep
 * their absolute index and nothing jumps. Looks the old first message up once per change,
 * from the front (pages are prepended there).
 */
export function useFirstItemIndex(items: readonly TimelineItem[]): number {
  const anchor = useRef<{ key: string; index: number; first: number } | null>(null);
  return useMemo(() => {
    const prev = anchor.current;
    let first = base;
    if (prev) {
      const at = items.findIndex((item) => item.key === prev.key);
      first = at >= 0 ? prev.first - (at - prev.index) : prev.first;
    }
    const index = items.findIndex((item) => item.kind === 'message' || item.kind === 'pending');
    anchor.current = index >= 0 ? { key: items[index]!.key, index, first } : prev && { ...prev, first };
    return first;
  }, [items]);
}
