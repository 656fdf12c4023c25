import type { Message } from '@parley/protocol';
import type { ConversationView, OutboxItem } from '@parley/sdk';
import { dayKey } from '../../../util/format-time.ts';

/** How a message of mine stands, as the row shows it. */
export type Delivery = 'sending' | 'sent' | 'failed' | 'read';

/**
 * One row of the message list. Rows carry only what the row renders, so a row whose message
 * did not change keeps equal props and is not rendered again.
 */
export type TimelineItem =
  | { kind: 'day'; key: string; at: string }
  | { kind: 'unread'; key: 'unread' }
  | {
      kind: 'message';
      key: string;
      message: Message;
      /** First of a run by one sender within a few minutes: shows avatar and name. */
      first: boolean;
      /** Last of such a run: ends the bubble group (spacing, tail). */
      last: boolean;
    }
  | { kind: 'pending'; key: string; item: OutboxItem; first: boolean; replyTo: Message | null }
  /**
   * Two or more join and leave notices in a row, shown as one line ("12 people joined"). Keyed
   * by its newest notice, which an older page put in front does not change.
   */
  | { kind: 'notices'; key: string; messages: readonly Message[] };

/**
 * Notices that say only who came and went: in a busy group or the lobby they bury the talk.
 * One about me ("You joined") is news to me, so it stays a line of its own.
 */
function isArrival(m: Message, me: string): boolean {
  const type = m.notice?.type;
  return (
    m.kind === 'system' &&
    !m.recalledAt &&
    (type === 'member.joined' || type === 'member.left') &&
    !m.notice!.userIds.includes(me)
  );
}

/** Messages closer than this, of one sender, share one avatar and name. */
const groupGapMs = 5 * 60_000;

/** Each message's day and time, parsed once: the list is rebuilt on every change, messages stay. */
const parsed = new WeakMap<Message, { day: string; ms: number }>();
function when(m: Message): { day: string; ms: number } {
  let w = parsed.get(m);
  if (!w) parsed.set(m, (w = { day: dayKey(m.createdAt), ms: Date.parse(m.createdAt) }));
  return w;
}

function grouped(a: Message | undefined, b: Message): boolean {
  if (!a || a.kind === 'system' || b.kind === 'system' || a.recalledAt || b.recalledAt) return false;
  if (a.senderId !== b.senderId) return false;
  const wa = when(a);
  const wb = when(b);
  return wa.day === wb.day && wb.ms - wa.ms < groupGapMs;
}

/**
 * The rows of a conversation: day separators, the "new messages" line before the first
 * message after `unreadAfter` that is not mine (null: none), messages, then my unsent ones.
 * One pass over the view; called once per view change.
 */
export function timelineItems(
  view: ConversationView,
  me: string,
  unreadAfter: number | null,
): TimelineItem[] {
  const items: TimelineItem[] = [];
  const { messages } = view;
  // Placed only where it belongs: when the message after `unreadAfter` is held, not before a page gap.
  let unreadPlaced = unreadAfter === null || view.start > unreadAfter;
  let lastDay = '';
  /** My sends already in the history: their outbox items must not show a second row. */
  const held = new Set<string>();
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    if (m.clientMsgId && m.senderId === me) held.add(m.clientMsgId);
    const { day } = when(m);
    if (day !== lastDay) {
      items.push({ kind: 'day', key: `day:${m.seq}`, at: m.createdAt });
      lastDay = day;
    }
    if (!unreadPlaced && m.seq > unreadAfter! && m.senderId !== me && m.kind !== 'system') {
      items.push({ kind: 'unread', key: 'unread' });
      unreadPlaced = true;
    }
    if (isArrival(m, me)) {
      let end = i + 1;
      while (end < messages.length && isArrival(messages[end]!, me) && when(messages[end]!).day === day)
        end++;
      if (end - i >= 2) {
        const run = messages.slice(i, end);
        items.push({ kind: 'notices', key: `notices:${run.at(-1)!.id}`, messages: run });
        i = end - 1;
        continue;
      }
    }
    const prev = messages[i - 1];
    const next = messages[i + 1];
    items.push({
      kind: 'message',
      key: m.clientMsgId && m.senderId === me ? `c:${m.clientMsgId}` : `m:${m.id}`,
      message: m,
      first: !grouped(prev, m) || items[items.length - 1]!.kind !== 'message',
      last: !next || !grouped(m, next),
    });
  }
  const lastMessage = messages.at(-1);
  // An acknowledged send stays in the outbox until the store forgets it; once history holds its
  // seq the message row shows it, and a second (pending) row would show it twice. The message
  // may also arrive (as an event) before its ack does: its clientMsgId gives it away.
  const pending = view.pending.filter(
    (item) => !held.has(item.clientMsgId) && (!item.ack || item.ack.seq > view.cursor),
  );
  pending.forEach((item, i) => {
    if (i === 0 && (!lastMessage || when(lastMessage).day !== dayKey(item.createdAt)))
      items.push({ kind: 'day', key: `day:pending`, at: item.createdAt });
    items.push({
      kind: 'pending',
      key: `c:${item.clientMsgId}`,
      item,
      first: i === 0 && lastMessage?.senderId !== me,
      replyTo: item.replyToId ? findMessage(messages, item.replyToId) : null,
    });
  });
  return items;
}

/** Whether a row shows the message at `seq` (a jump's target). */
export function showsSeq(item: TimelineItem, seq: number): boolean {
  if (item.kind === 'message') return item.message.seq === seq;
  if (item.kind === 'notices') return item.messages.some((m) => m.seq === seq);
  return false;
}

/** A held message by id, searched from the newest (what people answer is usually recent). */
function findMessage(messages: readonly Message[], id: string): Message | null {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.id === id) return messages[i]!;
  return null;
}

/** How a stored message of mine stands: read once the peer's cursor passed it (direct chats). */
export function storedDelivery(m: Message, peerReadSeq: number | null): Delivery {
  return peerReadSeq !== null && peerReadSeq >= m.seq ? 'read' : 'sent';
}

/** How an unsent message of mine stands. */
export function pendingDelivery(item: OutboxItem): Delivery {
  return item.status === 'failed' ? 'failed' : item.status === 'sent' ? 'sent' : 'sending';
}
