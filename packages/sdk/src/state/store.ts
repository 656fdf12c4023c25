import { type Message, limits } from '@parley/protocol';
import { ParleyError } from '../errors.ts';
import { applyEvent, type StoreEvent } from './apply-event.ts';
import { Filler } from './filler.ts';
import type { OutboxItem, SendOptions } from './outbox-item.ts';
import { Outbox } from './outbox.ts';
import { OlderLoader } from './older.ts';
import type { PersistedSend } from './persisted-send.ts';
import { Reviser } from './reviser.ts';
import { type TimelineSnapshot, seedTimelines, snapshotOf } from './snapshot.ts';
import type { ConversationStoreOptions, ConversationView, StoreListener } from './store-types.ts';
import { Timeline } from './timeline.ts';
import { Views } from './views.ts';
import { listenTo, sendOn } from './wiring.ts';

/**
 * The client side of the delivery contract (DESIGN.md, points 1 and 5), framework-free: per
 * conversation an ordered, gap-free, duplicate-free list of messages and its cursor; live
 * events applied as they come, a seq that skips ahead filled from history; after every
 * (re)connect a `sync` with the cursors, and the conversations that moved filled; an outbox
 * that resends with the same clientMsgId until acknowledged. Subscribe for changes and read
 * `view(id)`; it is the same object until that conversation changes.
 */
export class ConversationStore {
  private readonly timelines = new Map<string, Timeline>();
  private readonly views = new Views();
  private readonly listeners = new Set<StoreListener>();
  private readonly offs: (() => void)[];
  private readonly filler: Filler;
  private readonly reviser: Reviser;
  private readonly older: OlderLoader;
  private readonly outbox: Outbox;
  private disposed = false;

  constructor(private readonly options: ConversationStoreOptions) {
    const { connection } = options;
    this.filler = new Filler({
      messages: options.http.messages,
      pageSize: options.pageSize ?? limits.historyPageMax,
      initialHistory: options.initialHistory ?? 'all',
      changed: (timeline) => this.changed(timeline.conversationId),
      revise: (timeline, since) => this.reviseHeld(timeline, since),
      mayRetry: () => !this.disposed && connection.state !== 'closed',
      retryMs: options.retryMs ?? 1000,
    });
    this.reviser = new Reviser({
      messages: options.http.messages,
      pageSize: options.pageSize ?? limits.historyPageMax,
      changed: (timeline) => this.changed(timeline.conversationId),
      mayRetry: () => !this.disposed && connection.state !== 'closed',
      retryMs: options.retryMs ?? 1000,
    });
    this.older = new OlderLoader({
      messages: options.http.messages,
      // A conversation forgotten while its page was on the way is no longer shown.
      changed: (timeline) =>
        this.timelines.get(timeline.conversationId) === timeline && this.changed(timeline.conversationId),
      revise: (timeline, since) => this.reviseHeld(timeline, since),
    });
    this.outbox = new Outbox({
      send: sendOn(connection),
      isOpen: () => connection.state === 'open',
      changed: (item) => this.outboxChanged(item),
      ackTimeoutMs: options.ackTimeoutMs ?? 10_000,
    });
    this.offs = listenTo(connection, {
      event: (event) => this.applyEvent(event),
      hello: () => {
        this.outbox.resume();
        void this.resync();
      },
      closed: () => this.outbox.failAll(new ParleyError('closed', 'the connection closed for good')),
    });
    if (connection.state === 'open') void this.resync();
  }

  /** Applies one server push; true when it changed something. Unknown events are ignored. */
  applyEvent(event: StoreEvent): boolean {
    const me = this.options.connection.lastHello?.user.id;
    return applyEvent(event, me, {
      timeline: (id) => this.timeline(id),
      held: (id) => this.timelines.get(id),
      fill: (timeline) => void this.filler.fill(timeline),
      revise: (timeline) => void this.reviser.catchUp(timeline),
      forget: (id) => this.forget(id),
      changed: (id) => this.changed(id),
    });
  }

  /**
   * Asks the server what moved past the cursors held (seq and rev), fills those with new
   * messages, catches up on changes to the messages held, and forgets the ones left.
   */
  async resync(): Promise<void> {
    const cursors = Object.fromEntries(
      [...this.timelines].map(([id, t]) => [id, { seq: t.cursor, rev: t.rev }]),
    );
    let result;
    try {
      result = await this.options.connection.request('sync', { cursors });
    } catch {
      return; // the socket dropped again: the next hello syncs
    }
    for (const id of result.removed) this.forget(id);
    const fill = (c: (typeof result.conversations)[number]) => {
      const timeline = this.timeline(c.id);
      // One met just now holds nothing yet: its first history page sets its rev (Filler).
      const stale = !timeline.isEmpty && c.lastRev > timeline.rev;
      return Promise.all([this.filler.fill(timeline), stale && this.reviser.catchUp(timeline)]);
    };
    // What is held already catches up at once (it may be on screen); a history nothing holds
    // or asked for yet may wait for the client (backgroundFillsAfter).
    const waits = (c: { id: string }) =>
      this.options.backgroundFillsAfter !== undefined &&
      (this.timelines.get(c.id)?.isEmpty ?? true) &&
      !this.filler.runs(c.id);
    const later = result.conversations.filter(waits);
    await Promise.all([
      ...result.conversations.filter((c) => !waits(c)).map(fill),
      later.length > 0 &&
        this.options.backgroundFillsAfter?.().then(async () => {
          if (!this.disposed) await Promise.all(later.map(fill));
        }),
    ]);
  }

  /** Starts holding a conversation (its history is filled) and resolves once caught up. */
  track(conversationId: string): Promise<void> {
    return this.filler.fill(this.timeline(conversationId));
  }

  /**
   * Loads up to `limit` messages before the oldest held (the user scrolled up); resolves with
   * how many were added, 0 once the whole history is held. A call while one runs for the same
   * conversation shares it. Rejects with a ParleyError when the page cannot be read.
   */
  loadOlder(conversationId: string, limit = 50): Promise<number> {
    const timeline = this.timelines.get(conversationId);
    return timeline ? this.older.load(timeline, limit) : Promise.resolve(0);
  }

  /** True while history before the oldest held message exists (start > 0). */
  hasOlder(conversationId: string): boolean {
    return (this.timelines.get(conversationId)?.start ?? 0) > 0;
  }

  /** The newest `maxMessages` held, to keep across reloads (see restore); undefined when not held. */
  snapshot(conversationId: string, maxMessages = 200): TimelineSnapshot | undefined {
    const timeline = this.timelines.get(conversationId);
    return timeline && snapshotOf(timeline, maxMessages);
  }

  /**
   * Shows saved conversations at once, before the server is reached: each becomes the
   * timeline of a conversation not held yet (or held with nothing in it and nothing being
   * loaded), and the next `sync` reports its cursors, so only what is newer gets loaded. A
   * snapshot that is malformed or has a gap is ignored, never trusted. Call it right after
   * making the store.
   */
  restore(snapshots: readonly TimelineSnapshot[]): void {
    const busy = (id: string) => this.filler.runs(id) || this.reviser.runs(id);
    const seeded = seedTimelines(snapshots, (id) => this.timelines.get(id), busy);
    for (const timeline of seeded) this.timelines.set(timeline.conversationId, timeline);
    for (const timeline of seeded) this.changed(timeline.conversationId);
    // Already open, the first sync may have gone without these cursors.
    if (seeded.length > 0 && this.options.connection.state === 'open') void this.resync();
  }

  /**
   * Writes a message: shown as pending at once, sent, resent until acknowledged. `text` may
   * be '' with an `attachmentId` (a picture without a caption) or a `stickerId`.
   */
  send(conversationId: string, text: string, options: SendOptions = {}): OutboxItem {
    return this.outbox.add(conversationId, text, options);
  }

  /** Sends a failed message again (same clientMsgId), or drops it. */
  retry(clientMsgId: string): boolean {
    return this.outbox.retry(clientMsgId);
  }
  discard(clientMsgId: string): void {
    this.outbox.discard(clientMsgId);
  }

  /**
   * What the user wrote that the server has not acknowledged: queued and sending items, and
   * failed ones with `failed` set. An app saves it on every change to send it after a reload.
   */
  unsent(): PersistedSend[] {
    return this.outbox.unsent();
  }

  /**
   * Takes back what `unsent` gave before a reload, with the same clientMsgIds (the server
   * stores a send that landed before the reload only once), oldest first; failed ones come
   * back failed. Call it right after making the store. Returns the items added.
   */
  restoreUnsent(items: readonly PersistedSend[]): OutboxItem[] {
    return this.outbox.restore(items);
  }

  conversationIds(): string[] {
    return [...this.timelines.keys()];
  }

  cursor(conversationId: string): number {
    return this.timelines.get(conversationId)?.cursor ?? 0;
  }

  /** The rev up to which every change to the conversation's held messages is applied. */
  rev(conversationId: string): number {
    return this.timelines.get(conversationId)?.rev ?? 0;
  }

  /** The conversation as a UI shows it; see ConversationView. */
  view(conversationId: string): ConversationView {
    return this.views.of(conversationId, this.timelines.get(conversationId), () =>
      this.outbox.of(conversationId),
    );
  }

  /** Just the stored messages, in seq order. */
  messages(conversationId: string): readonly Message[] {
    return this.view(conversationId).messages;
  }

  /** True while a fill or catch-up runs or waits to retry, or a send is not yet acknowledged. */
  get busy(): boolean {
    return this.filler.busy || this.reviser.busy || this.outbox.unacked > 0;
  }

  /** Resolves once every fill and catch-up running now has finished. */
  async idle(): Promise<void> {
    await Promise.all([this.filler.idle(), this.reviser.idle()]);
  }

  /** Calls `listener` with a conversation's id whenever its view changes. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops listening to the connection and cancels timers (the connection stays open). */
  dispose(): void {
    this.disposed = true;
    for (const off of this.offs.splice(0)) off();
    this.filler.dispose();
    this.reviser.dispose();
    this.outbox.dispose();
  }

  private timeline(conversationId: string): Timeline {
    let timeline = this.timelines.get(conversationId);
    if (!timeline) this.timelines.set(conversationId, (timeline = new Timeline(conversationId)));
    return timeline;
  }

  private forget(conversationId: string): void {
    this.timelines.delete(conversationId);
    this.views.forget(conversationId);
    this.filler.forget(conversationId);
    this.reviser.forget(conversationId);
    this.emit(conversationId);
  }

  /** Catches up from `since`, unless the timeline was forgotten while its page was on the way. */
  private async reviseHeld(timeline: Timeline, since: number): Promise<void> {
    if (this.timelines.get(timeline.conversationId) === timeline) await this.reviser.catchUp(timeline, since);
  }

  private outboxChanged(item: OutboxItem): void {
    this.views.outboxChanged();
    const timeline = this.timelines.get(item.conversationId);
    // The ack's seq places the message: past the cursor with nothing between, it is a gap.
    if (item.ack && timeline && item.ack.seq > timeline.cursor + 1) void this.filler.fill(timeline);
    this.changed(item.conversationId);
  }

  private changed(conversationId: string): void {
    const timeline = this.timelines.get(conversationId);
    if (timeline && this.outbox.forget(conversationId, timeline.cursor)) this.views.outboxChanged();
    this.emit(conversationId);
  }

  private emit(conversationId: string): void {
    for (const listener of [...this.listeners]) listener(conversationId);
  }
}
