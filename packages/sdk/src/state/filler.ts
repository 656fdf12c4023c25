import type { MessagesApi } from '../api/messages.ts';
import type { Timeline } from './timeline.ts';

export interface FillerDeps {
  messages: MessagesApi;
  /** Messages asked for per page (at most limits.historyPageMax). */
  pageSize: number;
  /** Where a conversation met for the first time starts: its whole history, or its newest N messages. */
  initialHistory: 'all' | number;
  /** A timeline took in messages. */
  changed(timeline: Timeline): void;
  /** Whether a failed fill should try again later (false once the store is disposed or closed). */
  mayRetry(): boolean;
  retryMs: number;
}

/**
 * Fills gaps from history (delivery contract point 5): pages `after` a timeline's cursor
 * until the server has nothing more. Single-flight per conversation: a fill asked for while
 * one runs makes the running one go round once more, so an event that skipped ahead during a
 * fill is never left waiting. Events arriving meanwhile go into the timeline as they come;
 * the pages merge with them, repeats dropped by seq (a newer copy, by rev, takes the place
 * of the one held).
 */
export class Filler {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly begun = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: FillerDeps) {}

  get busy(): boolean {
    return this.running.size > 0 || this.timers.size > 0;
  }

  /** Resolves once the timeline has caught up with the server (or the fill failed and will retry). */
  fill(timeline: Timeline): Promise<void> {
    const id = timeline.conversationId;
    const current = this.running.get(id);
    if (current) {
      this.again.add(id);
      return current;
    }
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    const run = this.run(timeline).finally(() => this.running.delete(id));
    this.running.set(id, run);
    return run;
  }

  /** Every fill running now has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  forget(conversationId: string): void {
    clearTimeout(this.timers.get(conversationId));
    this.timers.delete(conversationId);
    this.begun.delete(conversationId);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async run(timeline: Timeline): Promise<void> {
    const id = timeline.conversationId;
    try {
      for (;;) {
        this.again.delete(id);
        const from = timeline.cursor;
        await this.catchUp(timeline);
        if (this.again.has(id)) continue;
        if (!timeline.hasGap) return;
        // Messages wait past a gap the server did not fill: try again later rather than spin.
        if (timeline.cursor === from) return this.retryLater(timeline);
      }
    } catch {
      // Offline or the server restarting: the next hello's sync fills too, whichever is first.
      this.retryLater(timeline);
    }
  }

  private async catchUp(timeline: Timeline): Promise<void> {
    const id = timeline.conversationId;
    const { messages, pageSize, initialHistory } = this.deps;
    if (initialHistory !== 'all' && !this.begun.has(id) && timeline.cursor === 0) {
      const empty = timeline.isEmpty;
      const newest = await messages.page(id, { limit: initialHistory });
      if (empty) timeline.advanceRev(newest.lastRev);
      const first = newest.messages[0];
      if (first) timeline.startAfter(first.seq - 1);
      for (const message of newest.messages) timeline.insert(message);
      this.deps.changed(timeline);
    }
    this.begun.add(id);
    for (;;) {
      const empty = timeline.isEmpty;
      const page = await messages.page(id, { after: timeline.cursor, limit: pageSize });
      // Asked for while nothing was held, the page holds every change up to its lastRev; held
      // messages are not in `after` pages, so otherwise only `changes` may move the rev.
      if (empty) timeline.advanceRev(page.lastRev);
      for (const message of page.messages) timeline.insert(message);
      if (page.messages.length > 0) this.deps.changed(timeline);
      if (!page.hasMore || page.messages.length === 0) return;
    }
  }

  private retryLater(timeline: Timeline): void {
    const id = timeline.conversationId;
    if (!this.deps.mayRetry() || this.timers.has(id)) return;
    const timer = setTimeout(() => {
      this.timers.delete(id);
      void this.fill(timeline);
    }, this.deps.retryMs);
    this.timers.set(id, timer);
  }
}
