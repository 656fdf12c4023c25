import type { MessagesApi } from '../api/messages.ts';
import { type PassResult, SingleFlight } from './single-flight.ts';
import type { Timeline } from './timeline.ts';

export interface FillerDeps {
  messages: MessagesApi;
  /** Messages asked for per page (at most limits.historyPageMax). */
  pageSize: number;
  /** Where a conversation met for the first time starts: its whole history, or its newest N messages. */
  initialHistory: 'all' | number;
  /** A timeline took in messages. */
  changed(timeline: Timeline): void;
  /** Changes after `since` may be missing from a page just taken in (see Reviser). */
  revise(timeline: Timeline, since: number): Promise<void>;
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
 * of the one held), and changes heard while a page was on the way are read again (Reviser).
 */
export class Filler {
  private readonly begun = new Set<string>();
  private readonly flights: SingleFlight;

  constructor(private readonly deps: FillerDeps) {
    this.flights = new SingleFlight((timeline) => this.pass(timeline), deps);
  }

  get busy(): boolean {
    return this.flights.busy;
  }

  /** True while a pass for the conversation is running. */
  runs(conversationId: string): boolean {
    return this.flights.runs(conversationId);
  }

  /** Resolves once the timeline has caught up with the server (or the fill failed and will retry). */
  fill(timeline: Timeline): Promise<void> {
    return this.flights.run(timeline);
  }

  /** Every fill running now has finished. */
  idle(): Promise<void> {
    return this.flights.idle();
  }

  forget(conversationId: string): void {
    this.flights.forget(conversationId);
    this.begun.delete(conversationId);
  }

  dispose(): void {
    this.flights.dispose();
  }

  private async pass(timeline: Timeline): Promise<PassResult> {
    const from = timeline.cursor;
    await this.catchUp(timeline);
    if (!timeline.hasGap) return 'done';
    // Messages wait past a gap the server did not fill: try again later rather than spin.
    return timeline.cursor === from ? 'later' : 'again';
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
      if (first) timeline.insertPage(first.seq - 1, newest.messages);
      this.deps.changed(timeline);
      await this.changesSince(timeline, newest.lastRev);
      this.begun.add(id);
      // Nothing newer than the newest page can be missing: a message sent since it was read
      // comes as an event (a seq that skips ahead asks for another pass), or, while the socket
      // was down, after the next hello's sync, which fills from this cursor. No `after` page.
      return;
    }
    this.begun.add(id);
    for (;;) {
      const empty = timeline.isEmpty;
      const after = timeline.cursor;
      const page = await messages.page(id, { after, limit: pageSize });
      // Asked for while nothing was held, the page holds every change up to its lastRev; held
      // messages are not in `after` pages, so otherwise only `changes` may move the rev.
      if (empty) timeline.advanceRev(page.lastRev);
      // Seqs the page skips are messages I hid (Timeline.insertPage).
      timeline.insertPage(after, page.messages);
      if (page.messages.length > 0) this.deps.changed(timeline);
      await this.changesSince(timeline, page.lastRev);
      if (!page.hasMore || page.messages.length === 0) return;
    }
  }

  /** A change to a page's message heard while the page was on the way is read again. */
  private async changesSince(timeline: Timeline, pageRev: number): Promise<void> {
    if (pageRev < timeline.rev) await this.deps.revise(timeline, pageRev);
  }
}
