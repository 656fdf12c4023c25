import { ParleyError } from '../errors.ts';

/** Timers that can all be cancelled at once, when their owner is disposed. */
export class Timers {
  private readonly pending = new Set<ReturnType<typeof setTimeout>>();

  later(work: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      work();
    }, ms);
    this.pending.add(timer);
  }

  /** `promise`, or a `disconnected` ParleyError once `ms` have passed without an answer. */
  deadline<T>(promise: Promise<T>, ms: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        reject(new ParleyError('disconnected', `no answer within ${ms} ms`));
      }, ms);
      this.pending.add(timer);
      promise.then(resolve, reject).finally(() => {
        clearTimeout(timer);
        this.pending.delete(timer);
      });
    });
  }

  clear(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}
