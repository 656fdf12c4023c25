import type { Conversation, Message, SharedConversation } from '@parley/protocol';
import type { Connection, HttpClient } from '@parley/sdk';
import { Observable } from './observable.ts';
import { sortConversations } from './sort-conversations.ts';

/**
 * The conversation list as the sidebar shows it: loaded from the server after every hello and
 * kept current from live events between loads (new messages move a conversation to the top and
 * count as unread unless they are mine or the one open now is being read).
 */
export class ConversationsModel {
  readonly list = new Observable<Conversation[]>([]);
  readonly loaded = new Observable(false);
  private readonly offs: (() => void)[] = [];
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly http: HttpClient,
    private readonly connection: Connection,
    private readonly meId: () => string,
  ) {
    const on = connection.on.bind(connection);
    this.offs.push(
      on('hello', () => void this.refresh()),
      on('message.created', (m) => this.messageCreated(m)),
      on('message.updated', (m) =>
        this.patch(m.conversationId, (c) => (c.lastMessage?.id === m.id ? { ...c, lastMessage: m } : c)),
      ),
      on('conversation.updated', (shared: SharedConversation) =>
        this.patch(shared.id, (c) => ({ ...c, ...shared })),
      ),
      on('member.added', ({ conversationId, member }) => {
        if (member.user.id === this.meId() && !this.get(conversationId)) void this.refresh();
      }),
      on('member.removed', ({ conversationId, userId }) => {
        if (userId === this.meId()) this.remove(conversationId);
      }),
      on('read.updated', (state) => this.patch(state.conversationId, (c) => ({ ...c, ...state }))),
      on('receipt.updated', (r) => this.patch(r.conversationId, (c) => ({ ...c, peerReadSeq: r.readSeq }))),
    );
  }

  get(conversationId: string): Conversation | undefined {
    return this.list.get().find((c) => c.id === conversationId);
  }

  /** Unread messages over every conversation, muted ones included (the tab title shows it). */
  totalUnread(): number {
    return this.list.get().reduce((sum, c) => sum + c.unreadCount, 0);
  }

  /** Reloads the whole list; concurrent calls share one request. */
  refresh(): Promise<void> {
    this.refreshing ??= this.http.conversations
      .list()
      .then((result) => {
        this.list.set(sortConversations(result.conversations));
        this.loaded.set(true);
      })
      .catch(() => {})
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** Shows the cached list before the server answers (offline start). */
  seed(list: Conversation[]): void {
    if (!this.loaded.get()) this.list.set(sortConversations(list));
  }

  /** Puts one conversation (created, joined, changed by me) into the list. */
  upsert(conversation: Conversation): void {
    const rest = this.list.get().filter((c) => c.id !== conversation.id);
    this.list.set(sortConversations([...rest, conversation]));
  }

  remove(conversationId: string): void {
    this.list.set(this.list.get().filter((c) => c.id !== conversationId));
  }

  /** Moves my read cursor to `seq` (never back); the badge clears at once. */
  async markRead(conversationId: string, seq: number): Promise<void> {
    const c = this.get(conversationId);
    if (!c || seq <= c.readSeq) return;
    this.patch(conversationId, (x) => ({
      ...x,
      readSeq: seq,
      unreadCount: seq >= x.lastSeq ? 0 : x.unreadCount,
      mentionCount: seq >= x.lastSeq ? 0 : x.mentionCount,
    }));
    try {
      const state = await this.connection.request('read', { conversationId, seq });
      this.patch(conversationId, (x) => ({ ...x, ...state }));
    } catch {
      // Offline: the server's count comes back with the next refresh; reading again then fixes it.
    }
  }

  private messageCreated(m: Message): void {
    const c = this.get(m.conversationId);
    if (!c) {
      void this.refresh();
      return;
    }
    if (m.seq <= c.lastSeq && c.lastMessage && c.lastMessage.seq >= m.seq) return;
    const mine = m.senderId === this.meId();
    const counts = !mine && m.kind !== 'system' && m.seq > c.readSeq;
    this.upsert({
      ...c,
      lastSeq: Math.max(c.lastSeq, m.seq),
      lastMessage: m,
      readSeq: mine ? Math.max(c.readSeq, m.seq) : c.readSeq,
      unreadCount: mine ? 0 : c.unreadCount + (counts ? 1 : 0),
      mentionCount: c.mentionCount + (counts && m.mentions.includes(this.meId()) ? 1 : 0),
    });
  }

  private patch(conversationId: string, change: (c: Conversation) => Conversation): void {
    const c = this.get(conversationId);
    if (c) this.upsert(change(c));
  }

  dispose(): void {
    for (const off of this.offs.splice(0)) off();
  }
}
