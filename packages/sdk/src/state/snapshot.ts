import type { Message } from '@parley/protocol';
import { Timeline } from './timeline.ts';

/**
 * One conversation's held messages as an app keeps them between page loads (IndexedDB, a
 * file): `messages` are the run of seqs `start + 1 … cursor` with no gap, and `rev` the rev up
 * to which every change to them is applied. See ConversationStore.snapshot and restore.
 */
export interface TimelineSnapshot {
  conversationId: string;
  start: number;
  rev: number;
  messages: Message[];
}

/** The newest `maxMessages` of what the timeline holds, as a snapshot (the start raised to fit). */
export function snapshotOf(timeline: Timeline, maxMessages: number): TimelineSnapshot {
  const held = timeline.messages;
  // slice(-0) would keep everything.
  const messages = maxMessages > 0 ? held.slice(-maxMessages) : [];
  return {
    conversationId: timeline.conversationId,
    start: timeline.cursor - messages.length,
    rev: timeline.rev,
    messages,
  };
}

/**
 * Timelines seeded from the valid snapshots: for conversations not held, or held with nothing
 * in them. Not while `busy` (a fill or catch-up runs): a fill that began on the empty timeline
 * takes its page's lastRev as the rev (see Filler), a claim restored messages would not meet.
 */
export function seedTimelines(
  snapshots: readonly TimelineSnapshot[],
  held: (conversationId: string) => Timeline | undefined,
  busy: (conversationId: string) => boolean,
): Timeline[] {
  const seeded = new Map<string, Timeline>();
  for (const { conversationId: id, start, messages, rev } of snapshots.filter(isSnapshot)) {
    // Of two snapshots of one conversation, the first valid one is taken.
    const timeline = busy(id) ? undefined : (held(id) ?? seeded.get(id) ?? new Timeline(id));
    if (timeline?.seed(start, messages, rev)) seeded.set(id, timeline);
  }
  return [...seeded.values()];
}

/**
 * True when `value` is a snapshot the store can trust: it comes from storage the app does not
 * fully control (an older SDK version, a half-written record), and a wrong start or a gap
 * would make the cursor sent on `sync` claim messages the client does not hold.
 */
export function isSnapshot(value: unknown): value is TimelineSnapshot {
  const snapshot = value as Partial<TimelineSnapshot> | null;
  if (typeof snapshot?.conversationId !== 'string' || !isCount(snapshot.start) || !isCount(snapshot.rev))
    return false;
  const { conversationId, start, messages } = snapshot;
  return (
    Array.isArray(messages) &&
    messages.every(
      (message: Partial<Message> | null, i) =>
        message?.seq === start + 1 + i &&
        message.conversationId === conversationId &&
        typeof message.id === 'string' &&
        isCount(message.rev),
    )
  );
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
