import type { MessagesApi } from '../api/messages.ts';
import { SingleFlight } from './single-flight.ts';
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
 *
 * A history page (Filler's, or an older one) holds every change up to the lastRev it was read
 * at. A change to one of its messages heard while it was on the way found nothing held to
 * change, yet moved the rev past it, so nothing would ever ask for it again: whoever takes in
 * such a page asks for a catch-up `since` that lastRev, and the next pass reads from there.
 */
export class Reviser {
  private readonly flights: SingleFlight;
  /** Per conversation, a rev below the timeline's to read changes from (see `catchUp`); a new object per ask. */
  private readonly floors = new Map<string, { rev: number }>();

  constructor(private readonly deps: ReviserDeps) {
    this.flights = new SingleFlight(async (timeline) => {
      await this.pages(timeline);
      return 'done';
    }, deps);
  }

  get busy(): boolean {
    return this.flights.busy;
  }

  /** True while a pass for the conversation is running. */
  runs(conversationId: string): boolean {
    return this.flights.runs(conversationId);
  }

  /**
   * Resolves once the timeline holds every change the server had when asked (or will retry).
   * `since`: read from this rev even though the timeline's is higher (a page read at it was
   * just taken in); kept until a pass from it has succeeded.
   */
  catchUp(timeline: Timeline, since?: number): Promise<void> {
    const id = timeline.conversationId;
    const floor = this.floors.get(id)?.rev ?? Infinity;
    if (since !== undefined && since < timeline.rev) this.floors.set(id, { rev: Math.min(since, floor) });
    return this.flights.run(timeline);
  }

  idle(): Promise<void> {
    return this.flights.idle();
  }

  forget(conversationId: string): void {
    this.flights.forget(conversationId);
    this.floors.delete(conversationId);
  }

  dispose(): void {
    this.flights.dispose();
  }

  private async pages(timeline: Timeline): Promise<void> {
    const { messages, pageSize } = this.deps;
    const id = timeline.conversationId;
    const floor = this.floors.get(id);
    let sinceRev = Math.min(floor?.rev ?? timeline.rev, timeline.rev);
    for (;;) {
      const page = await messages.changes(id, { sinceRev, limit: pageSize });
      let changed = false;
      for (const message of page.messages) {
        const replaced = timeline.replace(message);
        // Replies quoting a changed message show it as it is now.
        const quoted = timeline.reviseQuotes(message);
        changed = replaced || quoted || changed;
      }
      // Past the last change read, or (the last page) past every change made before it was read.
      const last = page.messages.at(-1);
      timeline.advanceRev(page.hasMore && last ? last.rev : page.lastRev);
      if (changed) this.deps.changed(timeline);
      if (!page.hasMore || !last) break;
      sinceRev = last.rev;
    }
    // Asked again meanwhile, the next pass (SingleFlight goes round again) reads from the new floor.
    if (this.floors.get(id) === floor) this.floors.delete(id);
  }
}
