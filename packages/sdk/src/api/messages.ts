import {
  type ForwardMessageBody,
  type ForwardResult,
  type Message,
  type MessageAck,
  type MessageChanges,
  type MessagePage,
  type ReactionChanged,
  type SearchMessagesPage,
  type SearchMessagesQuery,
  type SendMessageBody,
  limits,
} from '@parley/protocol';
import { type Call, queryString, seg } from './call.ts';

/** Which page of history: the newest (neither), the one before a seq, or the one after a seq. */
export interface HistoryPage {
  before?: number;
  after?: number;
  /** At most limits.historyPageMax; the server's default is limits.pageSizeDefault. */
  limit?: number;
}

/** Which page of changes: those after `sinceRev` (default 0: every message ever changed). */
export interface ChangesPage {
  sinceRev?: number;
  /** At most limits.historyPageMax, which is also the server's default. */
  limit?: number;
}

/** `q` is required; `conversationId` narrows to one conversation; `limit` defaults on the server. */
export type SearchMessagesParams = Pick<SearchMessagesQuery, 'q'> & Partial<Omit<SearchMessagesQuery, 'q'>>;

/**
 * Messages over REST: sending (for bots and scripts; live clients send on the socket through
 * the outbox, see state/outbox.ts) and paging history by seq. The delivery contract is in
 * DESIGN.md; a retried `clientMsgId` is answered with the first send's ack and stores nothing.
 * Edits, recalls and reactions reach members as `message.updated` / `reaction.changed`; one
 * who missed them pages `changes` from the rev it holds.
 */
export class MessagesApi {
  constructor(private readonly call: Call) {}

  /** Sends a message; the ack comes only once it is stored. Keep `clientMsgId` to retry safely. */
  send(conversationId: string, body: SendMessageBody): Promise<MessageAck> {
    return this.call('POST', `/conversations/${seg(conversationId)}/messages`, body);
  }

  /** One page of history, oldest first; `hasMore` looks further in the direction asked. */
  page(conversationId: string, page: HistoryPage = {}): Promise<MessagePage> {
    return this.call('GET', `/conversations/${seg(conversationId)}/messages${queryString({ ...page })}`);
  }

  /** Every message after `seq` (0: the whole history), paging with the largest pages allowed. */
  async allAfter(conversationId: string, seq = 0): Promise<Message[]> {
    const messages: Message[] = [];
    for (let after = seq; ;) {
      const page = await this.page(conversationId, { after, limit: limits.historyPageMax });
      messages.push(...page.messages);
      const last = page.messages.at(-1);
      if (!page.hasMore || !last) return messages;
      after = last.seq;
    }
  }

  /** Rewrites my text message; members hear `message.updated`. */
  edit(messageId: string, text: string): Promise<Message> {
    return this.call('PATCH', `/messages/${seg(messageId)}`, { text });
  }

  /** Recalls a message for everyone: a tombstone stays in its place. */
  recall(messageId: string): Promise<Message> {
    return this.call('POST', `/messages/${seg(messageId)}/recall`);
  }

  /**
   * Deletes messages for me: gone from my own view on all my devices (each hears
   * `message.hidden`), not from anyone else's. Up to hideMessagesMax, of any of my conversations.
   */
  async hide(messageIds: readonly string[]): Promise<void> {
    await this.call('POST', '/messages/hide', { messageIds });
  }

  /** Puts my emoji on a message (idempotent); members hear `reaction.changed`. */
  react(messageId: string, emoji: string): Promise<ReactionChanged> {
    return this.call('PUT', `/messages/${seg(messageId)}/reactions/${seg(emoji)}`);
  }

  /** Takes my emoji off a message (idempotent). */
  unreact(messageId: string, emoji: string): Promise<ReactionChanged> {
    return this.call('DELETE', `/messages/${seg(messageId)}/reactions/${seg(emoji)}`);
  }

  /**
   * Messages changed (edited, recalled, reacted to) after `sinceRev`, each once as it is now,
   * by rev; page on from the last one's rev while `hasMore`.
   */
  changes(conversationId: string, page: ChangesPage = {}): Promise<MessageChanges> {
    return this.call('GET', `/conversations/${seg(conversationId)}/changes${queryString({ ...page })}`);
  }

  /**
   * Copies a message into up to limits.forwardTargetsMax conversations; one ack per target, in
   * the order given. Keep `clientMsgId` to retry: a repeat stores nothing twice.
   */
  forward(messageId: string, body: ForwardMessageBody): Promise<ForwardResult> {
    return this.call('POST', `/messages/${seg(messageId)}/forward`, body);
  }

  /**
   * Finds messages containing `q` (substring, any script, any case), newest first. Page on with
   * `cursor: page.nextCursor` while it is not null; a page may be short, even empty, before that.
   */
  search(params: SearchMessagesParams): Promise<SearchMessagesPage> {
    return this.call('GET', `/search/messages${queryString({ ...params })}`);
  }
}
