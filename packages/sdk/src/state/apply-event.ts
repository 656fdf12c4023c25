import type { Message } from '@parley/protocol';
import type { Timeline } from './timeline.ts';

/** A server push as it comes off the socket; `event` may be one this SDK does not know. */
export interface StoreEvent {
  event: string;
  data: unknown;
}

export interface ApplyTarget {
  /** The conversation's timeline, made when first met (a conversation new to this client). */
  timeline(conversationId: string): Timeline;
  /** The timeline if held, without making one. */
  held(conversationId: string): Timeline | undefined;
  fill(timeline: Timeline): void;
  forget(conversationId: string): void;
  changed(conversationId: string): void;
}

interface Reactions {
  conversationId: string;
  messageId: string;
  reactions: Message['reactions'];
}

/**
 * How one event changes the conversations a client holds (HOUSE.md habit 7: tests run an
 * action, capture its events, apply them here and compare with fresh state). `me` is the
 * user this client is signed in as. Returns true when something changed; events it does not
 * know, and messages of conversations it does not hold (updates), leave everything as it was.
 */
export function applyEvent({ event, data }: StoreEvent, me: string | undefined, to: ApplyTarget): boolean {
  switch (event) {
    case 'message.created': {
      const message = data as Message;
      const timeline = to.timeline(message.conversationId);
      const placed = timeline.insert(message);
      // A seq past cursor + 1 means something was missed: page it from history.
      if (placed === 'ahead') to.fill(timeline);
      if (placed === 'appended') to.changed(message.conversationId);
      return placed === 'appended';
    }
    case 'message.updated': {
      const message = data as Message;
      const changed = to.held(message.conversationId)?.replace(message) ?? false;
      if (changed) to.changed(message.conversationId);
      return changed;
    }
    case 'reaction.changed': {
      const { conversationId, messageId, reactions } = data as Reactions;
      const timeline = to.held(conversationId);
      const message = timeline?.find(messageId);
      if (!timeline || !message) return false;
      timeline.replace({ ...message, reactions });
      to.changed(conversationId);
      return true;
    }
    case 'member.removed': {
      const { conversationId, userId } = data as { conversationId: string; userId: string };
      if (userId !== me || !to.held(conversationId)) return false;
      to.forget(conversationId);
      return true;
    }
    default:
      return false;
  }
}
