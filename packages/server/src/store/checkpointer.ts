import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/** How often the thread copies the WAL into the database file. */
const intervalMs = 250;

/**
 * SQLite in WAL mode appends each commit to the WAL, and a checkpoint copies the pages back
 * into the database file and waits for the disk (fsync). By default the committing connection
 * runs it, on Node's main thread, whenever the WAL passes 1,000 pages: at 1,000 messages a
 * second that was a stall of 10–20 ms every fifth of a second, which every send waiting behind
 * it paid (the paced p95/p99 in docs/benchmarks.md). A worker thread with a connection of its
 * own checkpoints instead (checkpoint-worker.mjs), beside the writer, and the main connection's
 * automatic checkpoint moves out to `backstopPages`, for when the thread falls behind.
 */
export class Checkpointer {
  static readonly backstopPages = 10_000;

  private readonly worker: Worker;
  private readonly exited: Promise<unknown>;

  constructor(file: string) {
    this.worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
      workerData: { file, intervalMs },
    });
    this.exited = once(this.worker, 'exit').catch(() => {});
    // A thread that fails leaves the backstop to checkpoint; it must not end the process.
    this.worker.on('error', () => {});
    this.worker.unref();
  }

  /** Stops the thread after any checkpoint it is running. */
  async close(): Promise<void> {
    // Held open until the thread has gone, or a process with nothing else left to do would
    // exit while waiting for it.
    this.worker.ref();
    this.worker.postMessage('close');
    await this.exited;
  }
}
