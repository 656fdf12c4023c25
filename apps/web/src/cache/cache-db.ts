import type { Conversation, Friend, PublicUser, Settings } from '@parley/protocol';
import type { PersistedSend, TimelineSnapshot } from '@parley/sdk';
import { type DBSchema, type IDBPDatabase, deleteDB, openDB } from 'idb';

/** What the `state` store holds, one record per key. */
export interface CachedState {
  conversations: Conversation[];
  friends: Friend[];
  settings: Settings;
  /** The SDK outbox's unacknowledged sends (ConversationStore.unsent). */
  unsent: PersistedSend[];
  /** People the cached messages name (cached-users.ts). */
  users: PublicUser[];
}
export type StateKey = keyof CachedState;

export interface CacheSchema extends DBSchema {
  state: { key: StateKey; value: CachedState[StateKey] };
  /** Recent history, one snapshot per conversation (ConversationStore.snapshot). */
  timelines: { key: string; value: TimelineSnapshot };
}

export type CacheDb = IDBPDatabase<CacheSchema>;

/**
 * Bumped when what is stored changes shape: the upgrade then starts from empty stores (it is
 * only a cache; the server has everything but unsent messages, and their shape is the SDK's
 * own stable PersistedSend).
 */
const version = 1;

/** One database per user, so that two accounts on one browser never see each other's data. */
export const cacheDbName = (userId: string) => `parley-${userId}`;

export function openCacheDb(userId: string): Promise<CacheDb> {
  return openDB<CacheSchema>(cacheDbName(userId), version, {
    upgrade(db) {
      for (const name of [...db.objectStoreNames]) db.deleteObjectStore(name);
      db.createObjectStore('state');
      db.createObjectStore('timelines', { keyPath: 'conversationId' });
    },
    // Another tab deletes it (sign-out) or upgrades it: let go, or it waits for this tab.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  });
}

/**
 * Deletes what the client kept for `userId` (sign-out, a session ended by the server). Other
 * tabs' connections close on `blocking`; a failure leaves the data for the next sign-out.
 */
export function deleteUserCache(userId: string): Promise<void> {
  return deleteDB(cacheDbName(userId)).catch(() => {});
}
