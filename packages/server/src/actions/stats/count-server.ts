import type { ServerCounts } from '@parley/protocol';
import type { Services } from '../../services.ts';
import { serverCounts } from '../../store/server-counts.ts';

const dayMs = 24 * 60 * 60 * 1000;

/** The console's front page: the database's counts (store/server-counts.ts) and who is online now (presence, O(1)). */
export async function countServer(services: Services): Promise<ServerCounts> {
  const since = new Date(Date.now() - dayMs).toISOString();
  const counts = await serverCounts(services.store.db, since);
  return { ...counts, onlineNow: await services.presence.onlineCount() };
}
