import type { ServerEvent } from '@parley/protocol';
import type { Timeline } from './timeline.ts';

/** A server push, typed on the protocol's event schemas (the store acts on the message events). */
export type StoreEvent = ServerEvent;

export interface ApplyTarget {
  /** The conversation's timeline, made when first met (a conversation new to this client). */
  timeline(conversationId: string): Timeline;
  /** The timeline if held, without making one. */
  held(conversationId: string): Timeline | undefined;
  fill(timeline: Timeline): void;
  /** Changes to held messages were missed: page them from `changes` (see Reviser). */
  revise(timeline: Timeline): void;
  forget(conversationId: string): void;
  changed(conversationId: string): void;
}

/**
 * How one event changes the conversations a client holds (HOUSE.md habit 7: tests run an
 * action, capture its events, apply them here and compare with fresh state). `me` is the
 * user this client is signed in as. Returns true when something changed; events it does not
 * know (from a newer server), the rest of the events (the SessionState's: see session/reduce),
 * and messages of conversations it does not hold (updates), leave everything as it was.
 * An update older (by rev) than the copy held changes nothing; a rev that skips past the
 * timeline's rev means changes were missed, and they are paged like a seq gap is.
 */
export function applyEvent(e: StoreEvent, me: string | undefined, to: ApplyTarget): boolean {
  switch (e.event) {
    case 'message.created': {
      const message = e.data;
      const timeline = to.timeline(message.conversationId);
      const placed = timeline.insert(message);
      // A seq past cursor + 1 means something was missed: page it from history.
      if (placed === 'ahead') to.fill(timeline);
      if (placed === 'appended') to.changed(message.conversationId);
      return placed === 'appended';
    }
    case 'message.updated': {
      const message = e.data;
      const timeline = to.held(message.conversationId);
      if (!timeline) return false;
      // Replies quoting it show it as it is now (edited text, or recalled).
      const quotes = timeline.reviseQuotes(message);
      const changed = revised(timeline, timeline.replace(message), message.rev, to);
      if (quotes && !changed) to.changed(timeline.conversationId);
      return changed || quotes;
    }
    case 'reaction.changed': {
      const { conversationId, messageId, reactions, rev } = e.data;
      const timeline = to.held(conversationId);
      if (!timeline) return false;
      const message = timeline.find(messageId);
      const changed = message !== undefined && timeline.replace({ ...message, reactions, rev });
      return revised(timeline, changed, rev, to);
    }
    case 'message.hidden': {
      // Deleted for me, on this device or another: gone from view, its seq kept (Timeline.hide).
      const timeline = to.held(e.data.conversationId);
      if (!timeline || !timeline.hide(new Set(e.data.messageIds))) return false;
      to.changed(timeline.conversationId);
      return true;
    }
    case 'member.removed': {
      const { conversationId, userId } = e.data;
      if (userId !== me || !to.held(conversationId)) return false;
      to.forget(conversationId);
      return true;
    }
    default:
      return false;
  }
}

/** After a change to a held message: tell the holder, and page what its rev says was missed. */
function revised(timeline: Timeline, changed: boolean, rev: number, to: ApplyTarget): boolean {
  if (changed) to.changed(timeline.conversationId);
  if (timeline.noteRev(rev) === 'gap') to.revise(timeline);
  return changed;
}
