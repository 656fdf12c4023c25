import type { SyncCursor, SyncResult } from '@parley/protocol';
import type { Caller } from '../../access/session.ts';
import type { Services } from '../../services.ts';
import { type ConversationWithReadState, conversationsWithReadState } from '../../store/read-state.ts';
import { presentViews } from '../read/present-views.ts';

/**
 * After a (re)connect the client says, per conversation, the seq it holds without a gap and,
 * optionally, the rev up to which it holds every change to those messages. The answer: the
 * conversations whose lastSeq passed the seq or whose lastRev passed the rev, or that the
 * client does not know yet (new ones), as the list shows them (badges, newest message); and
 * the ones it named that the user is no longer in. The client pages each moved conversation
 * `after` its seq and its `changes` since its rev. A bare seq (a client that predates
 * revisions) is compared by seq alone. One query for the list, whatever the count; previews
 * are loaded only for what moved.
 */
export async function syncConversations(
  services: Services,
  actor: Caller,
  cursors: Record<string, SyncCursor>,
): Promise<SyncResult> {
  const db = services.store.db;
  const rows = await conversationsWithReadState(db, actor.user.id);
  const current = new Set(rows.map((r) => r.id));
  const moved = rows.filter((r) => hasMoved(r, cursors[r.id]));
  return {
    conversations: await presentViews(db, actor.user.id, moved),
    removed: Object.keys(cursors).filter((id) => !current.has(id)),
  };
}

function hasMoved(row: ConversationWithReadState, cursor: SyncCursor | undefined): boolean {
  if (cursor === undefined) return true;
  if (typeof cursor === 'number') return row.last_seq > cursor;
  return row.last_seq > cursor.seq || row.last_rev > cursor.rev;
}
