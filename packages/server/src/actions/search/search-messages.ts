import type { SearchMessagesPage, SearchMessagesQuery } from '@parley/protocol';
import { accessConversation } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { presentMessage } from '../../presenters/conversations.ts';
import type { Services } from '../../services.ts';
import { extrasFor } from '../../store/message-extras.ts';
import { type SearchKey, type SearchScope, searchMessageRows } from '../../store/search.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { snippetFor } from './snippet.ts';

/**
 * Full-text search over the messages of the conversations the caller is in now (docs: the
 * "Search" section of PROTOCOL.md). Substring matching, case-insensitive in every script, so
 * "你好" finds "大家你好啊". Text messages, and images and files by caption or file name;
 * recalled ones have nothing left to find.
 * Newest first, keyset-paged: every page is full while more matches follow, and the cursor is
 * the last message shown (store/search.ts).
 */
export async function searchMessages(
  services: Services,
  actor: Actor,
  query: SearchMessagesQuery,
): Promise<SearchMessagesPage> {
  const { db, dialect } = services.store;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  if (query.conversationId !== undefined) await accessConversation(db, actor.user.id, query.conversationId);
  const scope: SearchScope = { userId: actor.user.id, conversationId: query.conversationId };

  // On SQLite the index is fed after commit (store/search-indexer.ts): bring it up to now first.
  await services.store.search.catchUp();
  let rows = await searchMessageRows(db, dialect, scope, query.q, after, query.limit + 1);
  let more: SearchKey | undefined;
  if (rows.length > query.limit) {
    rows = rows.slice(0, query.limit);
    const last = rows.at(-1)!;
    more = { createdAt: last.created_at, id: last.id };
  }

  const extras = await extrasFor(db, rows);
  return {
    results: rows.map((row) => {
      const message = presentMessage(row, extras.get(row.id));
      return { message, snippet: snippetOf(row.body, message.attachment?.name, query.q) };
    }),
    nextCursor: more ? encodeCursor(more) : null,
  };
}

/** Around the match in the text (a caption), or else in the file name, which is what matched. */
function snippetOf(body: string, fileName: string | undefined, q: string) {
  const inBody = snippetFor(body, q);
  if (inBody.highlights.length > 0 || fileName === undefined) return inBody;
  const inName = snippetFor(fileName, q);
  return inName.highlights.length > 0 ? inName : inBody;
}
