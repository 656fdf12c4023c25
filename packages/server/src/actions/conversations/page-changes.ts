import type { MessageChanges } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { accessConversation } from '../../access/conversations.ts';
import { presentMessage } from '../../presenters/conversations.ts';
import type { Services } from '../../services.ts';
import { extrasFor } from '../../store/message-extras.ts';
import { changedSince } from '../../store/messages.ts';

/**
 * The messages of a conversation changed after `sinceRev`, each once and as it is now, by rev
 * ascending: how a client that was away catches up on edits, recalls and reactions to
 * messages it holds (delivery contract point 5, next to paging `after` a seq for new ones).
 * `lastRev` is read (with the membership check) before the messages: every change up to it
 * has committed by then, since revs commit in order (markRevised), so once `hasMore` is false
 * the client holds every change up to `lastRev`.
 */
export async function pageChanges(
  services: Services,
  actor: Actor,
  id: string,
  query: { sinceRev: number; limit: number },
): Promise<MessageChanges> {
  const db = services.store.db;
  const { conversation } = await accessConversation(db, actor.user.id, id);
  let rows = await changedSince(db, id, query.sinceRev, query.limit + 1, actor.user.id);
  const hasMore = rows.length > query.limit;
  if (hasMore) rows = rows.slice(0, query.limit);
  const extras = await extrasFor(db, rows);
  return {
    messages: rows.map((row) => presentMessage(row, extras.get(row.id))),
    lastRev: conversation.last_rev,
    hasMore,
  };
}
