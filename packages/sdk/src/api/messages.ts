import {
  type Message,
  type MessageAck,
  type MessagePage,
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

/**
 * Messages over REST: sending (for bots and scripts; live clients send on the socket through
 * the outbox, see state/outbox.ts) and paging history by seq. The delivery contract is in
 * DESIGN.md; a retried `clientMsgId` is answered with the first send's ack and stores nothing.
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
}
