import { limits } from '@parley/protocol';
import type { MessagesApi } from '../api/messages.ts';
import type { Timeline } from './timeline.ts';

export interface OlderDeps {
  messages: MessagesApi;
  /** A timeline took in messages. */
  changed(timeline: Timeline): void;
  /** Changes after `since` may be missing from a page just taken in (see Reviser). */
  revise(timeline: Timeline, since: number): Promise<void>;
}

/**
 * Pages history backwards on demand, for a UI that holds only the newest messages and loads
 * more as the user scrolls up. Pages go in front of the held run (Timeline.prepend), so they
 * never touch the cursor that fills and events move at the other end. One load per
 * conversation at a time: a second call while one runs gets the same answer.
 */
export class OlderLoader {
  private readonly loading = new Map<string, Promise<number>>();

  constructor(private readonly deps: OlderDeps) {}

  /** Up to `limit` messages before the timeline's start; resolves with how many were added. */
  load(timeline: Timeline, limit: number): Promise<number> {
    const id = timeline.conversationId;
    const running = this.loading.get(id);
    if (running) return running;
    if (timeline.start === 0 || limit < 1) return Promise.resolve(0);
    const load = this.pages(timeline, limit).finally(() => this.loading.delete(id));
    this.loading.set(id, load);
    return load;
  }

  private async pages(timeline: Timeline, limit: number): Promise<number> {
    let added = 0;
    while (added < limit && timeline.start > 0) {
      const want = Math.min(limit - added, limits.historyPageMax);
      const page = await this.deps.messages.page(timeline.conversationId, {
        before: timeline.start + 1,
        limit: want,
      });
      // Seqs the page skips are messages I hid: held as such, they stop no further paging.
      const count = timeline.prepend(page.messages, { complete: !page.hasMore });
      if (count === 0) break;
      added += count;
      this.deps.changed(timeline);
      // A change to one of these heard while the page was on the way is read again.
      if (page.lastRev < timeline.rev) await this.deps.revise(timeline, page.lastRev);
    }
    return added;
  }
}
