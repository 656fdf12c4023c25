import type { Conversation, ConversationList, MemberList, MessagePage } from '@parley/protocol';
import { type Call, queryString, seg } from './call.ts';

/** Conversations of every kind the caller is in: direct, group and the lobby. */
export class ConversationsApi {
  constructor(private readonly call: Call) {}

  /** Mine, latest activity first. */
  list(): Promise<ConversationList> {
    return this.call('GET', '/conversations');
  }

  get(conversationId: string): Promise<Conversation> {
    return this.call('GET', `/conversations/${seg(conversationId)}`);
  }

  /** Opens (or reuses) my direct conversation with a user; refused with `cannot_message` by DM policy or a block. */
  openDirect(userId: string): Promise<Conversation> {
    return this.call('POST', '/conversations/direct', { userId });
  }

  members(conversationId: string): Promise<MemberList> {
    return this.call('GET', `/conversations/${seg(conversationId)}/members`);
  }

  /** A page of history, oldest first, before `before` (default: the newest). */
  messages(conversationId: string, page: { before?: number; limit?: number } = {}): Promise<MessagePage> {
    return this.call('GET', `/conversations/${seg(conversationId)}/messages${queryString(page)}`);
  }
}
