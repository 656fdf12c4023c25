import type { Conversation, Member, Message, SharedConversation } from '@parley/protocol';
import type { Connection, HttpClient } from '@parley/sdk';
import { Observable } from './observable.ts';
import { sortConversations } from './sort-conversations.ts';

/**
 * The conversation list as the sidebar shows it: loaded from the server after every hello and
 * kept current from live events between loads (new messages move a conversation to the top and
 * count as unread unless they are mine or the one open now is being read).
 *
 * The race a load runs: the server answers with the list as it was when the request arrived,
 * and events keep coming while the answer is on the way. So every change made while a load is
 * in flight is applied at once AND again on top of the answer (the changes are idempotent
 * against a list that already has them: a message is counted only past lastSeq), and a change
 * that cannot be replayed safely (a member count) or needs the server (a conversation not in
 * the list) asks for one more load after this one.
 */
export class ConversationsModel {
  readonly list = new Observable<Conversation[]>([]);
  readonly loaded = new Observable(false);
  private readonly offs: (() => void)[] = [];
  private flight: Promise<void> | null = null;
  private followUp: Promise<void> | null = null;
  /** Changes made while `flight` runs, applied again on top of its answer. */
  private replays: (() => void)[] = [];

  constructor(
    private readonly http: HttpClient,
    private readonly connection: Connection,
    private readonly meId: () => string,
  ) {
    const on = connection.on.bind(connection);
    const change = this.change.bind(this);
    this.offs.push(
      on('hello', () => void this.refresh()),
      on('message.created', (m) => change(() => this.messageCreated(m))),
      on('message.updated', (m) =>
        change(() =>
          this.patch(m.conversationId, (c) => (c.lastMessage?.id === m.id ? { ...c, lastMessage: m } : c)),
        ),
      ),
      on('conversation.updated', (shared) => change(() => this.conversationUpdated(shared))),
      on('member.added', ({ conversationId, member }) => this.memberAdded(conversationId, member)),
      on('member.updated', ({ conversationId, member }) =>
        change(() => this.memberUpdated(conversationId, member)),
      ),
      on('member.removed', ({ conversationId, userId }) => this.memberRemoved(conversationId, userId)),
      on('read.updated', (state) =>
        change(() => this.patch(state.conversationId, (c) => ({ ...c, ...state }))),
      ),
      // My own pin and mute, changed on another device (or here: the server echoes it).
      on('conversation.member_updated', ({ conversationId, pinned, pinnedAt, notificationsMuted }) =>
        change(() => this.patch(conversationId, (c) => ({ ...c, pinned, pinnedAt, notificationsMuted }))),
      ),
      on('receipt.updated', (r) =>
        change(() => this.patch(r.conversationId, (c) => ({ ...c, peerReadSeq: r.readSeq }))),
      ),
    );
  }

  get(conversationId: string): Conversation | undefined {
    return this.list.get().find((c) => c.id === conversationId);
  }

  /** Unread messages over every conversation, muted ones included (the tab title shows it). */
  totalUnread(): number {
    return this.list.get().reduce((sum, c) => sum + c.unreadCount, 0);
  }

  /**
   * Reloads the whole list. A call while a load runs is answered by one more load after it
   * (whatever made the caller ask may be newer than the running request); calls meanwhile share
   * that one.
   */
  refresh(): Promise<void> {
    if (!this.flight) {
      this.flight = this.load().finally(() => (this.flight = null));
      return this.flight;
    }
    this.followUp ??= this.flight.then(() => {
      this.followUp = null;
      return this.refresh();
    });
    return this.followUp;
  }

  /** Shows the cached list before the server answers (offline start). */
  seed(list: Conversation[]): void {
    if (!this.loaded.get()) this.list.set(sortConversations(list));
  }

  /** Puts one conversation (created, joined, changed by me) into the list. */
  upsert(conversation: Conversation): void {
    this.change(() => this.put(conversation));
  }

  remove(conversationId: string): void {
    this.change(() => this.list.set(this.list.get().filter((c) => c.id !== conversationId)));
  }

  /** Moves my read cursor to `seq` (never back); the badge clears at once. */
  async markRead(conversationId: string, seq: number): Promise<void> {
    const c = this.get(conversationId);
    if (!c || seq <= c.readSeq) return;
    this.change(() =>
      this.patch(conversationId, (x) =>
        seq <= x.readSeq
          ? x
          : {
              ...x,
              readSeq: seq,
              unreadCount: seq >= x.lastSeq ? 0 : x.unreadCount,
              mentionCount: seq >= x.lastSeq ? 0 : x.mentionCount,
            },
      ),
    );
    try {
      const state = await this.connection.request('read', { conversationId, seq });
      this.change(() => this.patch(conversationId, (x) => ({ ...x, ...state })));
    } catch {
      // Offline: the server's count comes back with the next refresh; reading again then fixes it.
    }
  }

  private async load(): Promise<void> {
    this.replays = [];
    try {
      const { conversations } = await this.http.conversations.list();
      const replays = this.replays.splice(0);
      this.list.set(sortConversations(conversations));
      for (const replay of replays) replay();
      this.loaded.set(true);
    } catch {
      // offline: keep what we have; the next hello loads again
    } finally {
      this.replays = [];
    }
  }

  /** Applies a change now, and again on top of the answer of the load in flight. */
  private change(apply: () => void): void {
    apply();
    if (this.flight) this.replays.push(apply);
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
    this.put({
      ...c,
      lastSeq: Math.max(c.lastSeq, m.seq),
      lastMessage: m,
      readSeq: mine ? Math.max(c.readSeq, m.seq) : c.readSeq,
      unreadCount: mine ? 0 : c.unreadCount + (counts ? 1 : 0),
      mentionCount: c.mentionCount + (counts && m.mentions.includes(this.meId()) ? 1 : 0),
    });
  }

  /** A conversation I am in now (made, joined, added to) is not in the list: only the server has my part of it. */
  private conversationUpdated(shared: SharedConversation): void {
    if (this.get(shared.id)) this.patch(shared.id, (c) => ({ ...c, ...shared }));
    else void this.refresh();
  }

  private memberAdded(conversationId: string, member: Member): void {
    if (member.user.id === this.meId()) {
      if (!this.get(conversationId)) void this.refresh();
      return;
    }
    this.countMembers(conversationId, +1);
  }

  private memberUpdated(conversationId: string, member: Member): void {
    if (member.user.id !== this.meId()) return;
    this.patch(conversationId, (c) => ({ ...c, myRole: member.role, myMutedUntil: member.mutedUntil }));
  }

  private memberRemoved(conversationId: string, userId: string): void {
    if (userId === this.meId()) this.remove(conversationId);
    else this.countMembers(conversationId, -1);
  }

  /**
   * Counting is not idempotent, so it is not replayed over a load's answer (which may or may
   * not count this member already): the list is loaded once more after it instead.
   */
  private countMembers(conversationId: string, by: number): void {
    this.patch(conversationId, (c) => ({ ...c, memberCount: Math.max(0, c.memberCount + by) }));
    if (this.flight) void this.refresh();
  }

  private put(conversation: Conversation): void {
    const rest = this.list.get().filter((c) => c.id !== conversation.id);
    this.list.set(sortConversations([...rest, conversation]));
  }

  private patch(conversationId: string, change: (c: Conversation) => Conversation): void {
    const c = this.get(conversationId);
    if (c) this.put(change(c));
  }

  dispose(): void {
    for (const off of this.offs.splice(0)) off();
  }
}
