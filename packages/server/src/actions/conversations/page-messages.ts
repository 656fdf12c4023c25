import type { MessagePage } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { accessConversation } from '../../access/conversations.ts';
import { presentMessage } from '../../presenters/conversations.ts';
import type { Services } from '../../services.ts';
import { extrasFor } from '../../store/message-extras.ts';
import { pageAfter, pageBefore } from '../../store/messages.ts';

export interface PageQuery {
  before?: number | undefined;
  after?: number | undefined;
  limit: number;
}

/**
 * A page of a conversation's history, oldest first, by seq: the newest page, the page before
 * `before` (scrolling up), or the page after `after` (filling a gap, catching up).
 * `hasMore` says whether more exist beyond the page in the direction asked; `lastRev` is the
 * conversation's as it was just before the rows were read. Messages the caller hid are left
 * out, so a page may skip seqs: every seq between two it holds is one of those.
 */
export async function pageMessages(
  services: Services,
  actor: Actor,
  id: string,
  query: PageQuery,
): Promise<MessagePage> {
  const db = services.store.db;
  // Read before the rows, so its last_rev is a rev cursor the page's messages satisfy.
  const { conversation } = await accessConversation(db, actor.user.id, id);
  let rows;
  let hasMore;
  if (query.after !== undefined) {
    rows = await pageAfter(db, id, query.after, query.limit + 1, actor.user.id);
    hasMore = rows.length > query.limit;
    if (hasMore) rows = rows.slice(0, query.limit);
  } else {
    rows = await pageBefore(db, id, query.before, query.limit + 1, actor.user.id);
    hasMore = rows.length > query.limit;
    if (hasMore) rows = rows.slice(1);
  }
  const extras = await extrasFor(db, rows);
  return {
    messages: rows.map((row) => presentMessage(row, extras.get(row.id))),
    hasMore,
    lastRev: conversation.last_rev,
  };
}
