import { useState } from 'react';
import type { TimelineItem } from './timeline-items.ts';

/** Far from 0 so that any history prepended keeps it positive (react-virtuoso asks for that). */
const base = 100_000_000;

interface Anchor {
  items: readonly TimelineItem[];
  /** The first message shown, where it was, and the firstItemIndex then. */
  key: string | null;
  index: number;
  first: number;
}

/**
 * react-virtuoso's `firstItemIndex` for a list that grows at the front: it goes down by as
 * many rows as were put before the first message shown before, so the rows on screen keep
 * their absolute index and nothing jumps. Looks the old first message up once per change,
 * from the front (pages are prepended there). Derived state: adjusted during the render that
 * sees new items (React's pattern for state that follows a prop), no ref written.
 */
export function useFirstItemIndex(items: readonly TimelineItem[]): number {
  const [anchor, setAnchor] = useState(() => anchorOf(items, base, null));
  if (anchor.items === items) return anchor.first;
  let first = anchor.first;
  if (anchor.key !== null) {
    const at = items.findIndex((item) => item.key === anchor.key);
    if (at >= 0) first = anchor.first - (at - anchor.index);
  }
  const next = anchorOf(items, first, anchor);
  setAnchor(next);
  return next.first;
}

function anchorOf(items: readonly TimelineItem[], first: number, prev: Anchor | null): Anchor {
  // Not a day line (keyed by its first message, which a prepended page can change).
  const index = items.findIndex((item) => item.kind !== 'day' && item.kind !== 'unread');
  if (index >= 0) return { items, key: items[index]!.key, index, first };
  return prev ? { ...prev, items, first } : { items, key: null, index: 0, first };
}
