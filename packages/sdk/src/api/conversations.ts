import type {
  Conversation,
  ConversationList,
  MemberList,
  MessagePage,
  OnlineMembers,
  ReadResult,
  Readers,
} from '@parley/protocol';
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

  /**
   * Its members online now whom I may see (a chat room's online list): at most
   * `limits.onlineListMax`, by display name, with `total` counting them all.
   */
  online(conversationId: string): Promise<OnlineMembers> {
    return this.call('GET', `/conversations/${seg(conversationId)}/online`);
  }

  /** A page of history, oldest first, before `before` (default: the newest). */
  messages(conversationId: string, page: { before?: number; limit?: number } = {}): Promise<MessagePage> {
    return this.call('GET', `/conversations/${seg(conversationId)}/messages${queryString(page)}`);
  }

  /**
   * Marks read up to `seq` (forward only, never past the last message); answers where my
   * cursor stands with the badges. My other devices hear `read.updated`.
   */
  markRead(conversationId: string, seq: number): Promise<ReadResult> {
    return this.call('POST', `/conversations/${seg(conversationId)}/read`, { seq });
  }

  /** Who (besides the sender) has read the message at `seq`; needs my read receipts on. */
  readers(conversationId: string, seq: number): Promise<Readers> {
    return this.call('GET', `/conversations/${seg(conversationId)}/messages/${seq}/readers`);
  }

  /** Pins it to the top of my list, or unpins it; only I see it. */
  pin(conversationId: string, on: boolean): Promise<Conversation> {
    return this.call(on ? 'PUT' : 'DELETE', `/conversations/${seg(conversationId)}/pin`);
  }

  /** Mutes its notifications, or unmutes them; the unread badge still counts. */
  mute(conversationId: string, on: boolean): Promise<Conversation> {
    return this.call(on ? 'PUT' : 'DELETE', `/conversations/${seg(conversationId)}/mute`);
  }
}
