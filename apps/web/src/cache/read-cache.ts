import type { TimelineSnapshot } from '@parley/sdk';
import type { CacheDb, CachedState } from './cache-db.ts';

/** Everything the cache holds; a missing or malformed record is left out. */
export type CacheContents = Partial<CachedState> & { timelines: TimelineSnapshot[] };

/** Reads the whole cache in one transaction. */
export async function readCache(db: CacheDb): Promise<CacheContents> {
  const tx = db.transaction(['state', 'timelines'], 'readonly');
  const state = tx.objectStore('state');
  const [conversations, friends, settings, unsent, users, timelines] = await Promise.all([
    state.get('conversations'),
    state.get('friends'),
    state.get('settings'),
    state.get('unsent'),
    state.get('users'),
    tx.objectStore('timelines').getAll(),
    tx.done,
  ]);
  // Written by this app, but possibly by an older version of it: only the outer shape is checked.
  return {
    ...(Array.isArray(conversations) && { conversations: conversations as CachedState['conversations'] }),
    ...(Array.isArray(friends) && { friends: friends as CachedState['friends'] }),
    ...(isObject(settings) && { settings: settings as CachedState['settings'] }),
    ...(Array.isArray(unsent) && { unsent: unsent as CachedState['unsent'] }),
    ...(Array.isArray(users) && { users: users as CachedState['users'] }),
    timelines,
  };
}

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
