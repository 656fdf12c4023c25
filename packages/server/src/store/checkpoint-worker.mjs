// The thread store/checkpointer.ts starts: plain JavaScript, so it loads the same under tsx,
// vitest and node. Copies committed pages from SQLite's WAL into the database file on its own
// connection, every `intervalMs`, and waits for the disk there instead of on the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const db = new SQLite(workerData.file);
// Never wait for a lock: a turn that finds the WAL busy (another checkpoint) is simply skipped.
db.pragma('busy_timeout = 0');

const timer = setInterval(() => {
  try {
    // PASSIVE: copies what it can without blocking the writer or any reader.
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // SQLITE_BUSY or a locked file: the next turn tries again, and the writer's own
    // automatic checkpoint is the backstop.
  }
}, workerData.intervalMs);

parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
