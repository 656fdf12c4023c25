import { type ExpressionBuilder, type Kysely, type RawBuilder, sql } from 'kysely';
import type { Dialect } from './connect.ts';
import { gramToken, queryGrams } from './grams.ts';
import { containsText } from './like.ts';
import type { Database, MessageRow } from './tables.ts';
import { notHiddenBy } from './hidden-messages.ts';

type Db = Kysely<Database>;

/** Where a search looks: the conversations `userId` is a member of now, or one of them. */
export interface SearchScope {
  userId: string;
  conversationId?: string | undefined;
}

/** The message a page ended with; the next page starts after it. */
export interface SearchKey {
  createdAt: string;
  id: string;
}

/**
 * Messages with words of their own — text, and images and files with their captions and file
 * names (never system notices, stickers or voice, never recalled ones) — in the scope, newest
 * first, after `after`, at most `limit`. Case is ignored in every script and any substring
 * matches, from one character up: "你好" finds "大家你好啊", "é" finds "CAFÉ".
 *
 * Newest first is storage order on SQLite (rowid: the order messages were committed in) and id
 * order on PostgreSQL (UUIDv7: the time each was sent), each walked by an index without sorting
 * every match, so a page costs about the same whether the text is in three messages or in half
 * of them.
 * Membership is read in the same statement, so someone who left a conversation stops finding
 * its messages at once; never the ones they hid (delete for me).
 */
export async function searchMessageRows(
  db: Db,
  dialect: Dialect,
  scope: SearchScope,
  text: string,
  after: SearchKey | undefined,
  limit: number,
): Promise<MessageRow[]> {
  const [inText, inNames] = await Promise.all([
    dialect === 'sqlite'
      ? textSqlite(db, scope, text, after, limit)
      : textPostgres(db, scope, text, after, limit),
    namedFiles(db, dialect, scope, text, after, limit),
  ]);
  if (inNames.length === 0) return inText.map(({ order: _, ...row }) => row);
  // A caption and a file name may both match: one result for the message.
  const merged = new Map<string, Ordered>();
  for (const row of [...inText, ...inNames]) merged.set(row.id, row);
  return [...merged.values()]
    .sort((a, b) => compareOrder(b.order, a.order))
    .slice(0, limit)
    .map(({ order: _, ...row }) => row);
}

/** A row with its place in the newest-first order (rowid, or id). */
type Ordered = MessageRow & { order: number | string };

function compareOrder(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The scope's searchable messages: conditions on `messages`, for any query that has it. */
function inScope(scope: SearchScope) {
  return (eb: ExpressionBuilder<Database, 'messages'>) =>
    eb.and([
      eb('messages.kind', 'in', ['text', 'image', 'file']),
      eb('messages.recalled_at', 'is', null),
      eb(
        'messages.conversation_id',
        'in',
        eb.selectFrom('members').select('conversation_id').where('user_id', '=', scope.userId),
      ),
      notHiddenBy(scope.userId)(eb),
      ...(scope.conversationId === undefined
        ? []
        : [eb('messages.conversation_id', '=', scope.conversationId)]),
    ]);
}

/** On SQLite, the messages before `after` in storage order (a cursor to a gone message: none). */
function beforeRowid(column: string, after: SearchKey): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} < (select rowid from messages where id = ${after.id})`;
}

/**
 * SQLite: `messages_grams` (store/search-indexer.ts) lists the messages holding every gram of
 * the query, newest first (FTS5 walks its lists by descending rowid and stops at the limit);
 * each is then checked against the scope and, for 3+ characters, the whole text.
 */
function textSqlite(db: Db, scope: SearchScope, text: string, after: SearchKey | undefined, limit: number) {
  // Each token quoted: FTS5 reads a bare non-ASCII word fine, but "and"/"or"/"not" as operators.
  const match = queryGrams(text)
    .map((gram) => `"${gramToken(gram)}"`)
    .join(' ');
  let query = db
    .selectFrom('messages')
    .where(inScope(scope))
    .innerJoin('messages_grams', (join) => join.on(sql<boolean>`messages_grams.rowid = messages.rowid`))
    .selectAll('messages')
    .select(sql<number>`messages_grams.rowid`.as('order'))
    .where(sql<boolean>`messages_grams match ${match}`);
  if ([...text].length > 2) query = query.where(containsText('messages.body', text));
  if (after) query = query.where(beforeRowid('messages_grams.rowid', after));
  return query
    .orderBy(sql`messages_grams.rowid`, 'desc')
    .limit(limit)
    .execute();
}

/**
 * PostgreSQL: a query of 1–2 characters is one gram, and the GIN index over
 * `parley_grams(body)` (made in the database, so case folds as its lower() folds) lists the
 * messages that hold it — exactly those containing the text. Longer queries use `ilike`, which
 * the pg_trgm index `messages_body_trgm` serves. Newest first is by id (UUIDv7, made at send
 * time), which the primary key walks backwards: for text in many messages PostgreSQL reads the
 * newest few and stops, for rare text it asks the index — it knows how common each gram is
 * from the index's statistics.
 */
function textPostgres(db: Db, scope: SearchScope, text: string, after: SearchKey | undefined, limit: number) {
  const short = [...text].length <= 2;
  let query = db
    .selectFrom('messages')
    .where(inScope(scope))
    .selectAll('messages')
    .select('messages.id as order')
    .where(
      short
        ? sql<boolean>`parley_grams(messages.body) @> array[lower(${text})]`
        : sql<boolean>`messages.body ilike ${`%${escapeLike(text)}%`}`,
    );
  if (after) query = query.where('messages.id', '<', after.id);
  return query.orderBy('messages.id', 'desc').limit(limit).execute();
}

/** LIKE's wildcards as themselves; backslash is PostgreSQL's default LIKE escape. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Messages showing an upload whose file name contains `text`. For 3+ characters the names'
 * trigram index answers (FTS5 `uploads_fts` with the text as one quoted phrase, `"` doubled;
 * pg_trgm on PostgreSQL); shorter queries read the names with `like` — there are far fewer
 * uploads than messages. A recalled message's link is gone (store/message-updates.ts), and so
 * is its file name.
 */
function namedFiles(
  db: Db,
  dialect: Dialect,
  scope: SearchScope,
  text: string,
  after: SearchKey | undefined,
  limit: number,
) {
  let names: RawBuilder<boolean>;
  if (dialect === 'sqlite' && [...text].length > 2) {
    const phrase = `"${text.replace(/"/g, '""')}"`;
    names = sql<boolean>`uploads.rowid in (select rowid from uploads_fts where uploads_fts match ${phrase})`;
  } else {
    names = containsText('uploads.name', text);
  }
  // From the uploads whose names match to their messages, in that order (a cross join is how
  // SQLite is told the order): starting from the messages would read every one in the scope.
  let query = db
    .selectFrom('uploads')
    .crossJoin('message_uploads')
    .crossJoin('messages')
    .whereRef('message_uploads.upload_id', '=', 'uploads.id')
    .whereRef('messages.id', '=', 'message_uploads.message_id')
    .where(names)
    .where(inScope(scope))
    .selectAll('messages');
  if (dialect === 'sqlite') {
    query = query.select(sql<number>`messages.rowid`.as('order'));
    if (after) query = query.where(beforeRowid('messages.rowid', after));
    return query
      .orderBy(sql`messages.rowid`, 'desc')
      .limit(limit)
      .execute() as Promise<Ordered[]>;
  }
  query = query.select('messages.id as order');
  if (after) query = query.where('messages.id', '<', after.id);
  return query.orderBy('messages.id', 'desc').limit(limit).execute() as Promise<Ordered[]>;
}
