import type { SearchMessagesPage, SearchMessagesQuery } from '@parley/protocol';
import { accessConversation } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { presentMessage } from '../../presenters/conversations.ts';
import type { Services } from '../../services.ts';
import { extrasFor } from '../../store/message-extras.ts';
import { type SearchKey, type SearchScope, searchIndexed, searchWindow } from '../../store/search.ts';
import type { MessageRow } from '../../store/tables.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { snippetFor } from './snippet.ts';

/**
 * Messages a 1–2 character query looks at per request. Trigram indexes (FTS5's on SQLite,
 * pg_trgm's on PostgreSQL) cannot answer fewer than three characters — and in Chinese,
 * Japanese and Korean two characters are a whole word (你好, 東京, 서울) — so such queries scan
 * instead: the newest `shortQueryWindow` text messages of the caller's conversations (or of the
 * one asked for) after the cursor, matched with LIKE, newest first. When that window holds
 * fewer matches than the page wants and older messages remain, the page comes back short (even
 * empty) with a cursor at the window's end, so the client can keep looking further back
 * ("search older messages") one bounded request at a time.
 */
export const shortQueryWindow = 5000;

/** Characters a query needs for the trigram index: code points, as FTS5 and pg_trgm count them. */
const indexedMin = 3;

/**
 * Full-text search over the messages of the conversations the caller is in now (docs: the
 * "Search" section of PROTOCOL.md). Substring matching, case-insensitive in every script, so
 * "你好" finds "大家你好啊". Text messages, and images and files by caption or file name;
 * recalled ones have nothing left to find.
 * Newest first, keyset-paged by (createdAt, id).
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

  let rows: MessageRow[];
  let more: SearchKey | undefined;
  if ([...query.q].length >= indexedMin) {
    rows = await searchIndexed(db, dialect, scope, query.q, after, query.limit + 1);
  } else {
    const scan = await searchWindow(db, scope, query.q, after, query.limit + 1, shortQueryWindow);
    rows = scan.rows;
    more = scan.windowEnd;
  }
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
