/**
 * Loaded into the server by bench/connect/idle.ts (NODE_OPTIONS="--expose-gc --import <this
 * file>"), never by the server itself: on SIGUSR2 it runs a full garbage collection and writes
 * process.memoryUsage() to $BENCH_MEMORY_FILE, so the benchmark reads the memory live objects
 * hold rather than whatever garbage was left when it looked.
 */
import { renameSync, writeFileSync } from 'node:fs';

const file = process.env.BENCH_MEMORY_FILE;
if (file && typeof globalThis.gc === 'function') {
  process.on('SIGUSR2', () => {
    globalThis.gc();
    // Written whole and then renamed, so the reader never sees half of it.
    writeFileSync(`${file}.tmp`, JSON.stringify(process.memoryUsage()));
    renameSync(`${file}.tmp`, file);
  });
}
