import type { SyncResult } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import type { Services } from '../../services.ts';
import { conversationsWithReadState } from '../../store/read-state.ts';
import { presentViews } from '../read/present-views.ts';

/**
 * After a (re)connect the client says, per conversation, the seq it holds without a gap.
 * The answer: the conversations whose lastSeq passed that cursor, or that the client does not
 * know yet (new ones), as the list shows them (badges, newest message); and the ones it named
 * that the user is no longer in. The client pages each moved conversation `after` its cursor.
 * One query for the list, whatever the count; previews are loaded only for what moved.
 */
export async function syncConversations(
  services: Services,
  actor: Actor,
  cursors: Record<string, number>,
): Promise<SyncResult> {
  const db = services.store.db;
  const rows = await conversationsWithReadState(db, actor.user.id);
  const current = new Set(rows.map((r) => r.id));
  const moved = rows.filter((r) => cursors[r.id] === undefined || r.last_seq > cursors[r.id]!);
  return {
    conversations: await presentViews(db, actor.user.id, moved),
    removed: Object.keys(cursors).filter((id) => !current.has(id)),
  };
}
