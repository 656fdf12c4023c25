import type { MessagesApi } from '../api/messages.ts';
import type { Timeline } from './timeline.ts';

export interface ReviserDeps {
  messages: MessagesApi;
  /** Changed messages asked for per page (at most limits.historyPageMax). */
  pageSize: number;
  /** Messages of a timeline were replaced. */
  changed(timeline: Timeline): void;
  /** Whether a failed catch-up should try again later (false once the store is disposed or closed). */
  mayRetry(): boolean;
  retryMs: number;
}

/**
 * Catches a timeline up on changes to the messages it holds (edits, recalls, reactions) that
 * it missed: pages `GET /conversations/{id}/changes` from its rev and puts each newer copy in
 * place of the one held. It never adds a message (new ones come by seq, see Filler), and a
 * copy older than the one held is ignored, so a live event that overtook the page stays.
 * Single-flight per conversation, like Filler: asked again while running, it goes round once
 * more from the rev reached.
 */
export class Reviser {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: ReviserDeps) {}

  get busy(): boolean {
    return this.running.size > 0 || this.timers.size > 0;
  }

  /** Resolves once the timeline holds every change the server had when asked (or will retry). */
  catchUp(timeline: Timeline): Promise<void> {
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

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  forget(conversationId: string): void {
    clearTimeout(this.timers.get(conversationId));
    this.timers.delete(conversationId);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async run(timeline: Timeline): Promise<void> {
    const id = timeline.conversationId;
    try {
      do {
        this.again.delete(id);
        await this.pages(timeline);
      } while (this.again.has(id));
    } catch {
      // Offline or the server restarting: the next hello's sync asks again, whichever is first.
      this.retryLater(timeline);
    }
  }

  private async pages(timeline: Timeline): Promise<void> {
    const { messages, pageSize } = this.deps;
    for (;;) {
      const page = await messages.changes(timeline.conversationId, {
        sinceRev: timeline.rev,
        limit: pageSize,
      });
      let changed = false;
      for (const message of page.messages) changed = timeline.replace(message) || changed;
      // Past the last change read, or (the last page) past every change made before it was read.
      const last = page.messages.at(-1);
      timeline.advanceRev(page.hasMore && last ? last.rev : page.lastRev);
      if (changed) this.deps.changed(timeline);
      if (!page.hasMore || !last) return;
    }
  }

  private retryLater(timeline: Timeline): void {
    const id = timeline.conversationId;
    if (!this.deps.mayRetry() || this.timers.has(id)) return;
    const timer = setTimeout(() => {
      this.timers.delete(id);
      void this.catchUp(timeline);
    }, this.deps.retryMs);
    this.timers.set(id, timer);
  }
}
