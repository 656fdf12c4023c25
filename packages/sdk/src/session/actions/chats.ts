import type {
  ServerEvent,
  Conversation,
  ForwardResult,
  Message,
  ReactionChanged,
  Readers,
  SearchMessagesPage,
} from '@parley/protocol';
import type { SearchMessagesParams } from '../../api/messages.ts';
import type { OutboxItem, SendOptions } from '../../state/outbox-item.ts';
import { patchConversation } from '../reduce/conversations.ts';
import type { SessionCore } from '../session-core.ts';
import { putConversation } from './put-conversation.ts';

/** Talking in conversations: send, read, type, edit, react, pin, mute, open a direct chat. */
export class ChatActions {
  constructor(private readonly core: SessionCore) {}

  /** Opens a conversation: its history is filled (see ConversationStore.track); resolves once caught up. */
  open(conversationId: string): Promise<void> {
    return this.core.messages.track(conversationId);
  }

  /** Writes a message: pending at once, sent and resent until acknowledged (the offline outbox). */
  send(conversationId: string, text: string, options: SendOptions = {}): OutboxItem {
    return this.core.messages.send(conversationId, text, options);
  }

  /**
   * Moves my read cursor to `seq` (never back): the badge clears at once, and the server's
   * count follows. Offline, the server's count comes back with the next load.
   */
  async markRead(conversationId: string, seq: number): Promise<void> {
    const held = this.core.get().conversations.find((c) => c.id === conversationId);
    if (!held || seq <= held.readSeq) return;
    this.core.update((s) =>
      patchConversation(s, conversationId, (c) =>
        seq <= c.readSeq
          ? c
          : {
              ...c,
              readSeq: seq,
              unreadCount: seq >= c.lastSeq ? 0 : c.unreadCount,
              mentionCount: seq >= c.lastSeq ? 0 : c.mentionCount,
            },
      ),
    );
    try {
      const state = await this.core.connection.request('read', { conversationId, seq });
      this.core.apply({ event: 'read.updated', data: state });
    } catch {
      // offline: the next load brings the server's count
    }
  }

  /** Tells the others I am typing; call it at most every limits.typingIntervalMs. Offline it is dropped. */
  typing(conversationId: string): void {
    if (this.core.connection.state !== 'open') return;
    this.core.connection.request('typing', { conversationId }).catch(() => {});
  }

  async edit(messageId: string, text: string): Promise<Message> {
    return this.updated(await this.core.http.messages.edit(messageId, text));
  }

  async recall(messageId: string): Promise<Message> {
    return this.updated(await this.core.http.messages.recall(messageId));
  }

  /**
   * Delete for me: the messages (of `conversationId`) leave my view on every device of mine,
   * not anyone else's. Applied here at once; my other sessions hear `message.hidden`.
   */
  async hideMessages(conversationId: string, messageIds: readonly string[]): Promise<void> {
    await this.core.http.messages.hide(messageIds);
    const hidden: ServerEvent = {
      event: 'message.hidden',
      data: { conversationId, messageIds: [...messageIds] },
    };
    this.core.apply(hidden);
    this.core.messages.applyEvent(hidden);
  }

  async react(messageId: string, emoji: string): Promise<ReactionChanged> {
    return this.reacted(await this.core.http.messages.react(messageId, emoji));
  }

  async unreact(messageId: string, emoji: string): Promise<ReactionChanged> {
    return this.reacted(await this.core.http.messages.unreact(messageId, emoji));
  }

  forward(messageId: string, conversationIds: string[], clientMsgId: string): Promise<ForwardResult> {
    return this.core.http.messages.forward(messageId, { clientMsgId, conversationIds });
  }

  async pin(conversationId: string, on: boolean): Promise<Conversation> {
    return this.put(await this.core.http.conversations.pin(conversationId, on));
  }

  async mute(conversationId: string, on: boolean): Promise<Conversation> {
    return this.put(await this.core.http.conversations.mute(conversationId, on));
  }

  /** The direct conversation with a friend, made if it does not exist yet, and put into the list. */
  async openDirect(userId: string): Promise<Conversation> {
    return this.put(await this.core.http.conversations.openDirect(userId));
  }

  /** Who of a group has read up to `seq` (my own messages). */
  readers(conversationId: string, seq: number): Promise<Readers> {
    return this.core.http.conversations.readers(conversationId, seq);
  }

  /** Full-text search over the messages of my conversations. */
  search(params: SearchMessagesParams): Promise<SearchMessagesPage> {
    return this.core.http.messages.search(params);
  }

  private updated(message: Message): Message {
    this.core.apply({ event: 'message.updated', data: message });
    this.core.messages.applyEvent({ event: 'message.updated', data: message });
    return message;
  }

  private reacted(change: ReactionChanged): ReactionChanged {
    this.core.apply({ event: 'reaction.changed', data: change });
    this.core.messages.applyEvent({ event: 'reaction.changed', data: change });
    return change;
  }

  private put(conversation: Conversation): Conversation {
    this.core.update((s) => putConversation(s, conversation));
    return conversation;
  }
}
