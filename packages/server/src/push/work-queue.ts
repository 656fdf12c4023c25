/**
 * Runs background tasks at most `concurrency` at a time, with at most `max` waiting. Past that
 * a new task is refused (add returns false) rather than let a burst grow memory without end:
 * a push is a courtesy, and one that cannot be sent soon is not worth sending late.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => Promise<void>)[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly max: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  add(task: () => Promise<void>): boolean {
    if (this.waiting.length >= this.max) return false;
    this.waiting.push(task);
    this.next();
    return true;
  }

  /** Resolves once nothing runs or waits, counting tasks added meanwhile. */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private next(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const task = this.waiting.shift()!;
      this.running += 1;
      task()
        .catch(this.onError)
        .finally(() => {
          this.running -= 1;
          this.next();
          if (this.running === 0 && this.waiting.length === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            for (const resolve of waiters) resolve();
          }
        });
    }
  }
}
