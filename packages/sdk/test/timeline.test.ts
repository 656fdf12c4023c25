import type { Message } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { Timeline } from '../src/index.ts';

const message = (seq: number, text = `m${seq}`): Message => ({
  id: `id${seq}`,
  conversationId: 'c1',
  seq,
  senderId: 'u1',
  kind: 'text',
  text,
  attachment: null,
  sticker: null,
  notice: null,
  clientMsgId: null,
  replyTo: null,
  mentions: [],
  reactions: [],
  createdAt: '2026-11-22T10:00:00.000Z',
  editedAt: null,
  recalledAt: null,
  recalledBy: null,
  forwardedFrom: null,
  rev: 0,
});

describe('a timeline', () => {
  it('holds messages in seq order, parks those past a gap, and takes them in once it closes', () => {
    const timeline = new Timeline('c1');
    expect(timeline.insert(message(1))).toBe('appended');
    expect(timeline.insert(message(3))).toBe('ahead');
    expect(timeline.insert(message(4))).toBe('ahead');
    expect(timeline.cursor).toBe(1);
    expect(timeline.hasGap).toBe(true);
    expect(timeline.insert(message(2))).toBe('appended');
    expect(timeline.cursor).toBe(4);
    expect(timeline.hasGap).toBe(false);
    expect(timeline.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('drops a seq it holds or has parked, keeping the first copy', () => {
    const timeline = new Timeline('c1');
    timeline.insert(message(1));
    timeline.insert(message(3));
    expect(timeline.insert(message(1, 'again'))).toBe('duplicate');
    expect(timeline.insert(message(3, 'again'))).toBe('duplicate');
    timeline.insert(message(2));
    expect(timeline.messages.map((m) => m.text)).toEqual(['m1', 'm2', 'm3']);
  });

  it('keeps the newest copy of a message by rev, from events and history pages alike', () => {
    const timeline = new Timeline('c1');
    timeline.insert(message(1));
    timeline.insert(message(3));
    expect(timeline.replace({ ...message(1), text: 'v2', rev: 2 })).toBe(true);
    expect(timeline.replace({ ...message(1), text: 'v1', rev: 1 })).toBe(false);
    expect(timeline.insert({ ...message(1), text: 'v3', rev: 3 })).toBe('duplicate');
    expect(timeline.insert({ ...message(3), text: 'parked, newer', rev: 4 })).toBe('duplicate');
    timeline.insert(message(2));
    expect(timeline.messages.map((m) => m.text)).toEqual(['v3', 'm2', 'parked, newer']);
  });

  it('moves its rev with each next change, tells a skip as a gap, and never goes back', () => {
    const timeline = new Timeline('c1');
    expect([timeline.noteRev(1), timeline.noteRev(1), timeline.noteRev(3)]).toEqual(['next', 'old', 'gap']);
    expect(timeline.rev).toBe(1);
    timeline.advanceRev(5);
    timeline.advanceRev(4);
    expect([timeline.rev, timeline.noteRev(6)]).toEqual([5, 'next']);
  });

  it('replaces an edited message in place by id and ignores one it does not hold', () => {
    const timeline = new Timeline('c1');
    timeline.insert(message(1));
    timeline.insert(message(2));
    expect(timeline.replace({ ...message(2), text: 'edited', rev: 1 })).toBe(true);
    expect(timeline.replace({ ...message(7), text: 'unknown' })).toBe(false);
    expect(timeline.messages.map((m) => m.text)).toEqual(['m1', 'edited']);
  });

  it('can start after a seq, for a client that keeps only the newest part of a history', () => {
    const timeline = new Timeline('c1');
    timeline.insert(message(42));
    timeline.startAfter(40);
    expect(timeline.insert(message(12))).toBe('too_old');
    expect(timeline.insert(message(41))).toBe('appended');
    expect(timeline.messages.map((m) => m.seq)).toEqual([41, 42]);
    expect(timeline.cursor).toBe(42);
  });

  it('takes in an older page only as the run that ends at its start, in any order, overlaps dropped', () => {
    const timeline = new Timeline('c1', 10);
    timeline.insert(message(11));
    const version = timeline.version;
    // 4 is cut off by the gap at 5; 11 and 12 are not older.
    expect(
      timeline.prepend([
        message(9),
        message(4),
        message(12),
        message(7),
        message(10),
        message(8),
        message(6),
        message(11),
      ]),
    ).toBe(5);
    expect([timeline.start, timeline.cursor, timeline.version > version]).toEqual([5, 11, true]);
    expect(timeline.messages.map((m) => m.seq)).toEqual([6, 7, 8, 9, 10, 11]);
    expect(timeline.prepend([message(3), message(2)])).toBe(0);
    expect(timeline.prepend([message(5), { ...message(5), text: 'newer', rev: 2 }, message(1)])).toBe(1);
    expect(timeline.messages[0]!.text).toBe('newer');
  });

  it('is seeded from a snapshot only while empty, and only with a run that has no gap', () => {
    const timeline = new Timeline('c1');
    timeline.noteRev(1);
    timeline.noteRev(2);
    expect(timeline.seed(20, [message(21), message(23)], 1)).toBe(false);
    expect(timeline.seed(20, [message(21), message(22)], 1)).toBe(true);
    expect([timeline.start, timeline.cursor, timeline.rev]).toEqual([20, 22, 1]);
    expect(timeline.seed(0, [message(1)], 0)).toBe(false);
    expect(timeline.insert(message(23))).toBe('appended');
  });
});
