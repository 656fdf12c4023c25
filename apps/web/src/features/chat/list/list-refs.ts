import type { ConversationView } from '@parley/sdk';
import { type RefObject, useRef } from 'react';
import type { ListRange, VirtuosoHandle } from 'react-virtuoso';
import type { TimelineItem } from './timeline-items.ts';

/**
 * Where a pending jump goes: a message by seq, a message by id (an announcement names its
 * message by id only; older pages load until it is held), or the "new messages" line.
 */
export type JumpTarget =
  { kind: 'seq'; seq: number } | { kind: 'id'; messageId: string } | { kind: 'unread' };

/** What was rendered last (see useLatest). */
export interface Rendered {
  view: ConversationView;
  items: readonly TimelineItem[];
  firstItemIndex: number;
}

/**
 * The message list's handles shared by its hooks (scrolling, jumping): none of them is
 * rendered, all are written in effects and callbacks only.
 */
export interface ListRefs {
  virtuoso: RefObject<VirtuosoHandle | null>;
  /** The rows react-virtuoso last rendered (absolute indexes, firstItemIndex included). */
  rendered: RefObject<ListRange>;
  /** At the bottom as react-virtuoso last said, and whether growing rows should keep it there now. */
  atBottomReported: RefObject<boolean>;
  atBottomNow: RefObject<boolean>;
  /** The jump waiting for its row (loading older pages), if any. */
  jump: RefObject<JumpTarget | null>;
}

export function useListRefs(): ListRefs {
  return {
    virtuoso: useRef<VirtuosoHandle>(null),
    rendered: useRef<ListRange>({ startIndex: 0, endIndex: 0 }),
    atBottomReported: useRef(true),
    atBottomNow: useRef(true),
    jump: useRef<JumpTarget | null>(null),
  };
}
