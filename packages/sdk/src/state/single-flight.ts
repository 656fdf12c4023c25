import type { Timeline } from './timeline.ts';

/** What one pass of the work says: finished, go round again now, or try again later. */
export type PassResult = 'done' | 'again' | 'later';

/**
 * Runs catch-up work for a timeline one at a time per conversation (Filler for gaps, Reviser
 * for changes). Asked again while it runs, the running one goes round once more instead of
 * starting a second; a pass that fails (offline, server restarting) or cannot progress is
 * retried after `retryMs`, unless the next hello's sync gets there first.
 */
export class SingleFlight {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly pass: (timeline: Timeline) => Promise<PassResult>,
    private readonly options: { mayRetry(): boolean; retryMs: number },
  ) {}

  get busy(): boolean {
    return this.running.size > 0 || this.timers.size > 0;
  }

  /** True while a pass for the conversation is running (a pending retry aside). */
  runs(conversationId: string): boolean {
    return this.running.has(conversationId);
  }

  /** Resolves once the work has caught up (or failed and will retry). */
  run(timeline: Timeline): Promise<void> {
    const id = timeline.conversationId;
    const current = this.running.get(id);
    if (current) {
      this.again.add(id);
      return current;
    }
    this.forget(id);
    const run = this.loop(timeline).finally(() => this.running.delete(id));
    this.running.set(id, run);
    return run;
  }

  /** Every run going on now has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  /** Drops a pending retry for the conversation. */
  forget(conversationId: string): void {
    clearTimeout(this.timers.get(conversationId));
    this.timers.delete(conversationId);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async loop(timeline: Timeline): Promise<void> {
    const id = timeline.conversationId;
    try {
      for (;;) {
        this.again.delete(id);
        const result = await this.pass(timeline);
        if (this.again.has(id) || result === 'again') continue;
        if (result === 'later') this.retryLater(timeline);
        return;
      }
    } catch {
      this.retryLater(timeline);
    }
  }

  private retryLater(timeline: Timeline): void {
    const id = timeline.conversationId;
    if (!this.options.mayRetry() || this.timers.has(id)) return;
    const timer = setTimeout(() => {
      this.timers.delete(id);
      void this.run(timeline);
    }, this.options.retryMs);
    this.timers.set(id, timer);
  }
}
