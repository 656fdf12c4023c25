import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { PersistedSend } from '@parley/sdk';
import { serverDir, writePrivateJson } from './state-dir.ts';

/**
 * The user's unsent messages on disk, as the web client keeps them in IndexedDB
 * (apps/web/src/cache/offline-cache.ts): written at once on every change, since they exist
 * nowhere else, and given back to the SDK's outbox on the next start with their original
 * clientMsgIds, so a send that reached the server just before a crash is stored once.
 *
 * Two clients of one user on one machine share the file, so it is merged, never overwritten:
 * each adds its own sends and takes out only those that left its own outbox.
 */
export class OutboxFile {
  private readonly file: string;
  private written = new Set<string>();
  private last = '';

  constructor(server: string, userId: string) {
    this.file = path.join(serverDir(server), `${userId.replace(/[^a-zA-Z0-9_-]/g, '_')}.json`);
  }

  /** What the file holds now; the SDK checks each entry itself and skips any it cannot trust. */
  read(): PersistedSend[] {
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { unsent?: unknown } | null;
      return Array.isArray(data?.unsent) ? (data.unsent as PersistedSend[]) : [];
    } catch {
      return [];
    }
  }

  /** Remembers what the outbox holds after a restore, so later writes know which entries are ours. */
  adopt(mine: readonly PersistedSend[]): void {
    this.written = new Set(mine.map((s) => s.clientMsgId));
    this.last = JSON.stringify(mine);
  }

  /** Saves `mine` (the outbox's `unsent()` now); does nothing when it did not change. */
  write(mine: readonly PersistedSend[]): void {
    const text = JSON.stringify(mine);
    if (text === this.last) return;
    const ids = new Set(mine.map((s) => s.clientMsgId));
    // Another client's entries stay; ours that left the outbox (sent or discarded) go.
    const others = this.read().filter((s) => !this.written.has(s.clientMsgId) && !ids.has(s.clientMsgId));
    try {
      writePrivateJson(this.file, { unsent: [...others, ...mine] });
      this.written = ids;
      this.last = text;
    } catch {
      // A full or read-only disk: the messages still go out while this process lives.
    }
  }

  /** Signing out deletes what this user left unsent on this machine, as the web client deletes its cache. */
  remove(): void {
    rmSync(this.file, { force: true });
  }
}
