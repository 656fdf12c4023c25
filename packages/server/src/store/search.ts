import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Dialect } from './connect.ts';
import { containsText } from './like.ts';
import type { Database, MessageRow } from './tables.ts';
import { notHiddenBy } from './hidden-messages.ts';

type Db = Kysely<Database>;

/** Where a search looks: the conversations `userId` is a member of now, or one of them. */
export interface SearchScope {
  userId: string;
  conversationId?: string | undefined;
}

/** A place in the newest-first order of results: (created_at, id), both descending. */
export interface SearchKey {
  createdAt: string;
  id: string;
}

/**
 * Messages with words of their own — text, and images and files with their captions and file
 * names (never system notices, stickers or voice, never recalled ones) — in the scope, older
 * than `after`. Membership is read in the same statement, so someone who left a conversation
 * stops finding its messages at once. Never the ones they hid (delete for me).
 */
function candidates(db: Db, scope: SearchScope, after: SearchKey | undefined) {
  let query = db
    .selectFrom('messages')
    .where('kind', 'in', ['text', 'image', 'file'])
    .where('recalled_at', 'is', null)
    .where('conversation_id', 'in', (eb) =>
      eb.selectFrom('members').select('conversation_id').where('user_id', '=', scope.userId),
    )
    .where(notHiddenBy(scope.userId));
  if (scope.conversationId !== undefined) query = query.where('conversation_id', '=', scope.conversationId);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  return query;
}

/**
 * The messages showing an upload whose file name matches `where` (a condition on `uploads`):
 * a recalled message's link is gone (store/message-updates.ts), and so is its file name.
 */
function showingFileNamed(db: Db, where: RawBuilder<boolean>) {
  return db
    .selectFrom('message_uploads')
    .innerJoin('uploads', 'uploads.id', 'message_uploads.upload_id')
    .select('message_uploads.message_id')
    .where(where);
}

/**
 * Messages whose text (a caption for images and files) or file name contains `text` (3 or more
 * characters), newest first, served by the trigram indexes of migrations
 * 20261122T0300_messaging (bodies) and 20261206T0220_search_file_names (file names):
 * - SQLite: `messages_fts MATCH` with the text as one quoted phrase (inner `"` doubled, so no
 *   character is FTS5 syntax). FTS5's trigram tokenizer folds case in every script, and a
 *   phrase of trigrams is a substring match.
 * - PostgreSQL: `body ILIKE '%text%'` with LIKE's wildcards escaped (backslash is PostgreSQL's
 *   default LIKE escape); the pg_trgm GIN index `messages_body_trgm` serves it.
 * The index finds matching messages server-wide; the scope is applied to what it finds.
 */
export function searchIndexed(
  db: Db,
  dialect: Dialect,
  scope: SearchScope,
  text: string,
  after: SearchKey | undefined,
  limit: number,
): Promise<MessageRow[]> {
  let query = candidates(db, scope, after).selectAll('messages');
  if (dialect === 'sqlite') {
    const phrase = `"${text.replace(/"/g, '""')}"`;
    const named = showingFileNamed(
      db,
      sql<boolean>`uploads.rowid in (select rowid from uploads_fts where uploads_fts match ${phrase})`,
    );
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`messages.rowid in (select rowid from messages_fts where messages_fts match ${phrase})`,
        eb('messages.id', 'in', named),
      ]),
    );
  } else {
    const pattern = `%${escapeLike(text)}%`;
    const named = showingFileNamed(db, sql<boolean>`uploads.name ilike ${pattern}`);
    query = query.where((eb) => eb.or([eb('body', 'ilike', pattern), eb('messages.id', 'in', named)]));
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export interface WindowScan {
  /** Matches, newest first, at most `limit` (ask for one more to learn whether more follow). */
  rows: MessageRow[];
  /**
   * When older candidates remain past the window: its oldest message, where the next scan
   * starts. Read it only when fewer than `limit` rows matched (otherwise the last match is
   * where the next page starts, and this may be left unread).
   */
  windowEnd: SearchKey | undefined;
}

/**
 * For 1–2 character queries, which no trigram index can answer: looks at the newest
 * `windowSize` candidate messages after `after` and keeps those containing `text`
 * (`lower(body) like`, wildcards escaped), newest first, at most `limit`. One statement, so
 * the matches and the window's end come from the same snapshot; it reads one row past the
 * window only to learn whether anything older remains.
 *
 * The cap bounds the string matching and the rows read back per request. The database still
 * orders the scope's candidate keys to find the window (there is no index on created_at
 * across conversations), which is cheap next to matching every body.
 */
export async function searchWindow(
  db: Db,
  scope: SearchScope,
  text: string,
  after: SearchKey | undefined,
  limit: number,
  windowSize: number,
): Promise<WindowScan> {
  const window = candidates(db, scope, after)
    .selectAll()
    .select((eb) => [
      eb
        .or([
          containsText('body', text),
          eb('messages.id', 'in', showingFileNamed(db, containsText('uploads.name', text))),
        ])
        .as('hit'),
      sql<number | string>`row_number() over (order by created_at desc, id desc)`.as('n'),
    ])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(windowSize + 1)
    .as('w');
  // The window's matches, its last row, and the first row past it (if any).
  const found = await db
    .selectFrom(window)
    .selectAll()
    .where(sql<boolean>`(hit and n <= ${windowSize}) or n >= ${windowSize}`)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 2)
    .execute();
  const rows: MessageRow[] = [];
  let last: SearchKey | undefined;
  let beyond = false;
  for (const { hit, n, ...row } of found) {
    const at = Number(n);
    // SQLite answers a comparison as 1 or 0, PostgreSQL as a boolean.
    if (at <= windowSize && ((hit as unknown) === true || (hit as unknown) === 1)) rows.push(row);
    if (at === windowSize) last = { createdAt: row.created_at, id: row.id };
    if (at > windowSize) beyond = true;
  }
  return { rows: rows.slice(0, limit), windowEnd: beyond ? last : undefined };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
