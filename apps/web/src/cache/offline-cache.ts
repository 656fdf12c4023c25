import type { ParleySession, PersistedSend, SessionState } from '@parley/sdk';
import { type CacheDb, type CachedState, type StateKey, openCacheDb } from './cache-db.ts';
import { CachedUsers } from './cached-users.ts';
import { readCache } from './read-cache.ts';

/** The signed-in session the cache reads and seeds. */
export interface CachedSession {
  userId: string;
  session: ParleySession;
}

/** Newest messages kept per conversation: what opens at once, offline too. */
export const cachedHistory = 50;
/** Quiet time before changes are written (a burst of events makes one write). */
const writeDelayMs = 800;

/**
 * Keeps a signed-in user's client state in IndexedDB (one database per user, cache-db.ts), so
 * that the app opens with its conversations and their recent history before, or without,
 * the server: read once at the start and seeded into the SDK session and its message store, written
 * back after changes (debounced, and at once when the page is hidden or left). Messages the
 * server has not acknowledged are written at once on every change: they exist nowhere else,
 * and a reload gives them back to the outbox with the same clientMsgIds, so each is stored once.
 * Tabs of one user share the database, so the unsent record is merged, never overwritten: each
 * tab adds its own and takes out only the ones that left its outbox (see mergeUnsent).
 * Every failure (private mode, a full disk) only means less is cached.
 */
export class OfflineCache {
  /** Resolves once the cache has been read and seeded (or could not be). */
  readonly ready: Promise<void>;
  private readonly db: Promise<CacheDb | null>;
  private readonly offs: (() => void)[] = [];
  private readonly dirtyState = new Set<StateKey>();
  private readonly dirtyTimelines = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Nothing is written before the cache was read: that would replace unsent messages not restored yet. */
  private seeded = false;
  private disposed = false;
  private lastUnsent = '';
  /** clientMsgIds this tab last wrote as unsent: one missing from its outbox now was sent or discarded. */
  private writtenUnsent = new Set<string>();
  private users = new CachedUsers();
  private peopleChanged = false;

  constructor(private readonly session: CachedSession) {
    this.db = openCacheDb(session.userId).catch(() => null);
    this.listen();
    this.ready = this.seed();
  }

  /** Writes what changed now (the page is being hidden or left). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    void this.write();
  }

  /** Stops writing and closes the database (sign-out deletes it next: see deleteUserCache). */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const off of this.offs.splice(0)) off();
    void this.db.then((db) => db?.close());
  }

  private async seed(): Promise<void> {
    const db = await this.db;
    const cached = db && (await readCache(db).catch(() => null));
    if (this.disposed) return;
    const { session } = this.session;
    const store = session.messages;
    if (cached) {
      this.users = new CachedUsers(cached.users);
      const people = [
        ...this.users.list(),
        ...(cached.friends ?? []).map((f) => f.user),
        ...(cached.conversations ?? []).flatMap((c) => (c.peer ? [c.peer] : [])),
      ];
      // The session takes each part only while the server's answer is not there yet.
      session.seed({
        ...(cached.conversations && { conversations: cached.conversations }),
        ...(cached.friends && { friends: cached.friends }),
        ...(cached.settings && { settings: cached.settings }),
        users: Object.fromEntries(people.map((u) => [u.id, u])),
      });
      // The store checks every snapshot and send itself, and ignores what it cannot trust.
      store.restore(cached.timelines);
      store.restoreUnsent(cached.unsent ?? []);
    }
    this.lastUnsent = JSON.stringify(store.unsent());
    this.writtenUnsent = new Set(store.unsent().map((s) => s.clientMsgId));
    this.seeded = true;
    // Whatever changed while the cache was being read is written now.
    for (const id of store.conversationIds()) this.dirtyTimelines.add(id);
    this.schedule();
  }

  private listen(): void {
    const { session } = this.session;
    const store = session.messages;
    let seen: SessionState = session.getSnapshot();
    const changed = () => {
      const now = session.getSnapshot();
      if (now.conversations !== seen.conversations) this.dirtyState.add('conversations');
      if (now.friends !== seen.friends) this.dirtyState.add('friends');
      if (now.settings !== seen.settings) this.dirtyState.add('settings');
      if (now.users !== seen.users) this.peopleChanged = true;
      seen = now;
      this.schedule();
    };
    const onPageHide = () => this.flush();
    const onVisibility = () => document.visibilityState === 'hidden' && this.flush();
    addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onVisibility);
    this.offs.push(
      session.subscribe(changed),
      store.subscribe((conversationId) => {
        this.dirtyTimelines.add(conversationId);
        if (this.seeded && JSON.stringify(store.unsent()) !== this.lastUnsent) this.flush();
        else this.schedule();
      }),
      () => removeEventListener('pagehide', onPageHide),
      () => document.removeEventListener('visibilitychange', onVisibility),
    );
  }

  private schedule(): void {
    if (this.timer !== undefined || !this.seeded) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, writeDelayMs);
  }

  private async write(): Promise<void> {
    if (!this.seeded || this.disposed) return;
    const { session } = this.session;
    const store = session.messages;
    const now = session.getSnapshot();
    const unsent = store.unsent();
    const state: Partial<Omit<CachedState, 'unsent'>> = {};
    // A part not loaded from the server is the cached one: nothing new to write.
    if (this.dirtyState.has('conversations') && now.loaded.conversations)
      state.conversations = [...now.conversations];
    if (this.dirtyState.has('friends') && now.loaded.friends) state.friends = [...now.friends];
    if (this.dirtyState.has('settings') && now.settings) state.settings = now.settings;
    const timelines = [...this.dirtyTimelines].map((id) => ({
      id,
      snapshot: store.snapshot(id, cachedHistory),
    }));
    // Names learnt since (the people model fetches them as they are shown) are looked for everywhere.
    const named = [
      ...now.conversations.flatMap((c) => (c.lastMessage ? [c.lastMessage] : [])),
      ...(this.peopleChanged
        ? store.conversationIds().flatMap((id) => store.messages(id).slice(-cachedHistory))
        : timelines.flatMap(({ snapshot }) => snapshot?.messages ?? [])),
    ];
    this.peopleChanged = false;
    if (this.users.add(named, (id) => now.users[id])) state.users = this.users.list();
    this.dirtyState.clear();
    this.dirtyTimelines.clear();
    this.lastUnsent = JSON.stringify(unsent);
    const held = new Set(unsent.map((s) => s.clientMsgId));
    const gone = new Set([...this.writtenUnsent].filter((id) => !held.has(id)));
    this.writtenUnsent = held;
    const db = await this.db;
    if (!db || this.disposed) return;
    try {
      const tx = db.transaction(['state', 'timelines'], 'readwrite');
      const puts: Promise<unknown>[] = [];
      const unsentStore = tx.objectStore('state');
      puts.push(
        unsentStore
          .get('unsent')
          .then((stored) =>
            unsentStore.put(
              mergeUnsent(unsent, (stored as PersistedSend[] | undefined) ?? [], gone),
              'unsent',
            ),
          ),
      );
      for (const [key, value] of Object.entries(state))
        puts.push(tx.objectStore('state').put(value, key as StateKey));
      for (const { id, snapshot } of timelines)
        puts.push(
          snapshot ? tx.objectStore('timelines').put(snapshot) : tx.objectStore('timelines').delete(id),
        );
      await Promise.all([...puts, tx.done]);
    } catch {
      // Not written: the server still has it all, and unsent sends are written again on their next change.
    }
  }
}

/**
 * The unsent record after one tab's write: its own outbox, plus what other tabs stored that
 * this one has not seen leave (`gone`: sent or discarded here). A send restored from another
 * tab may go out from both; its clientMsgId makes the server store it once.
 */
export function mergeUnsent(
  mine: readonly PersistedSend[],
  stored: readonly PersistedSend[],
  gone: ReadonlySet<string>,
): PersistedSend[] {
  const held = new Set(mine.map((s) => s.clientMsgId));
  return [...mine, ...stored.filter((s) => !held.has(s.clientMsgId) && !gone.has(s.clientMsgId))];
}
