import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ParleySession, SessionState, TimelineSnapshot } from '@parley/sdk';
import { serverDir, writePrivateJson } from './state-dir.ts';

/** Newest messages kept per conversation: what shows at once, offline too. */
const cachedHistory = 50;
/** Quiet time before changes are written (a burst of events makes one write). */
const writeDelayMs = 1000;

interface Cached {
  conversations?: SessionState['conversations'];
  friends?: SessionState['friends'];
  users?: SessionState['users'];
  timelines?: TimelineSnapshot[];
}

/**
 * The user's chats as last seen, on disk, as the web client keeps them in IndexedDB
 * (apps/web/src/cache/offline-cache.ts): the conversation list, friends, the people met and
 * the newest messages of each chat, so the client starts with them before (or without) the
 * server. The session takes each list only until the server's answer is there, and the
 * message store checks every saved timeline and ignores one it cannot trust.
 */
export class CacheFile {
  private readonly file: string;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(server: string, userId: string) {
    this.file = path.join(serverDir(server), `${userId.replace(/[^a-zA-Z0-9_-]/g, '_')}.cache.json`);
  }

  /** Seeds the session from the file (nothing when there is none, or it cannot be read). */
  seed(session: ParleySession): void {
    let cached: Cached;
    try {
      cached = JSON.parse(readFileSync(this.file, 'utf8')) as Cached;
    } catch {
      return;
    }
    session.seed({
      ...(Array.isArray(cached.conversations) && { conversations: cached.conversations }),
      ...(Array.isArray(cached.friends) && { friends: cached.friends }),
      ...(cached.users && typeof cached.users === 'object' && { users: cached.users }),
    });
    if (Array.isArray(cached.timelines)) session.messages.restore(cached.timelines);
  }

  /** Writes the session's state a moment after it changes; returns the function that stops. */
  follow(session: ParleySession): () => void {
    const offs = [
      session.subscribe(() => this.schedule(session)),
      session.messages.subscribe(() => this.schedule(session)),
    ];
    return () => {
      for (const off of offs) off();
      this.flush(session);
    };
  }

  /** Signing out deletes it with the outbox: nothing of the user stays on the machine. */
  remove(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    rmSync(this.file, { force: true });
  }

  private schedule(session: ParleySession): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => this.flush(session), writeDelayMs);
  }

  private flush(session: ParleySession): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const state = session.getSnapshot();
    // Lists not loaded from the server yet are the cached ones: nothing new to write. A session
    // closed for good (signed out, or ended by the server) writes nothing more.
    if (!state.loaded.conversations || session.connection.state === 'closed') return;
    const timelines = state.conversations.flatMap(
      (c) => session.messages.snapshot(c.id, cachedHistory) ?? [],
    );
    try {
      writePrivateJson(this.file, {
        conversations: state.conversations,
        friends: state.friends,
        users: state.users,
        timelines,
      } satisfies Cached);
    } catch {
      // A full or read-only disk: the server still has it all.
    }
  }
}
