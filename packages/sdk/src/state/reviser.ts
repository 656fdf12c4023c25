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
 */
export class Reviser {
  private readonly flights: SingleFlight;

  constructor(private readonly deps: ReviserDeps) {
    this.flights = new SingleFlight(async (timeline) => {
      await this.pages(timeline);
      return 'done';
    }, deps);
  }

  get busy(): boolean {
    return this.flights.busy;
  }

  /** Resolves once the timeline holds every change the server had when asked (or will retry). */
  catchUp(timeline: Timeline): Promise<void> {
    return this.flights.run(timeline);
  }

  idle(): Promise<void> {
    return this.flights.idle();
  }

  forget(conversationId: string): void {
    this.flights.forget(conversationId);
  }

  dispose(): void {
    this.flights.dispose();
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
}
