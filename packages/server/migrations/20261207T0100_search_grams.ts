import { type Kysely, SqliteAdapter, sql } from 'kysely';

/**
 * Step 9, a message index that answers queries of every length, off the send path on SQLite
 * (store/grams.ts says what it holds; store/search.ts how it is asked).
 * - SQLite: the trigram table and its triggers go. `messages_grams` is a contentless FTS5 table
 *   (detail=none: which messages hold a gram, nothing more) that the server fills after the
 *   sends have committed (store/search-indexer.ts): `search_progress.upto` is the highest
 *   messages.rowid indexed, and the triggers below only note, in `search_pending`, the indexed
 *   messages whose text changed (edit, recall) or that went away, for the indexer to do again.
 *   A send's commit writes nothing here. Existing messages are indexed by the server after
 *   this migration, in small steps, from rowid 0.
 * - PostgreSQL: a GIN index over `parley_grams(body)` answers 1–2 character queries, which the
 *   pg_trgm index cannot; that one stays for longer queries, whose statistics PostgreSQL
 *   estimates well (several grams at once it does not). The database keeps both in step.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const t of ['messages_fts_insert', 'messages_fts_delete', 'messages_fts_update']) {
      await sql`drop trigger ${sql.raw(t)}`.execute(db);
    }
    await sql`drop table messages_fts`.execute(db);
    await sql`create virtual table messages_grams using fts5(grams, content='', contentless_delete=1, detail=none, tokenize='ascii')`.execute(
      db,
    );
    await sql`create table search_progress (id integer primary key check (id = 1), upto integer not null)`.execute(
      db,
    );
    await sql`insert into search_progress (id, upto) values (1, 0)`.execute(db);
    await sql`create table search_pending (message_rowid integer primary key)`.execute(db);
    const indexed = sql.raw('(select upto from search_progress)');
    await sql`create trigger search_changed after update of body, kind, recalled_at on messages
      when old.rowid <= ${indexed} begin
      insert or ignore into search_pending (message_rowid) values (old.rowid); end`.execute(db);
    await sql`create trigger search_deleted after delete on messages
      when old.rowid <= ${indexed} begin
      insert or ignore into search_pending (message_rowid) values (old.rowid); end`.execute(db);
    // SQLite may hand out a deleted row's rowid again; below the mark, the indexer would skip it.
    await sql`create trigger search_reused after insert on messages
      when new.rowid <= ${indexed} begin
      insert or ignore into search_pending (message_rowid) values (new.rowid); end`.execute(db);
  } else {
    // lower() and its characters, then each pair. Element assignment keeps it linear in the
    // length (substr on multi-byte text is not); GIN drops the duplicates. COST: about 10 µs a
    // row, which the planner must know, or it walks the newest messages calling this on each
    // in search of a rare gram instead of asking the index.
    await sql`create function parley_grams(t text) returns text[]
      language plpgsql immutable strict parallel safe cost 1000 as $$
      declare c text[] := string_to_array(lower(t), null); n int := cardinality(c); r text[] := c;
      begin
        for i in 1 .. n - 1 loop r[n + i] := c[i] || c[i + 1]; end loop;
        return r;
      end $$`.execute(db);
    await sql`create index messages_body_grams on messages using gin (parley_grams(body))`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const t of ['search_changed', 'search_deleted', 'search_reused']) {
      await sql`drop trigger ${sql.raw(t)}`.execute(db);
    }
    await sql`drop table search_pending`.execute(db);
    await sql`drop table search_progress`.execute(db);
    await sql`drop table messages_grams`.execute(db);
    await sql`create virtual table messages_fts using fts5(body, content='messages', content_rowid='rowid', tokenize='trigram')`.execute(
      db,
    );
    await sql`create trigger messages_fts_insert after insert on messages begin
      insert into messages_fts(rowid, body) values (new.rowid, new.body); end`.execute(db);
    await sql`create trigger messages_fts_delete after delete on messages begin
      insert into messages_fts(messages_fts, rowid, body) values ('delete', old.rowid, old.body); end`.execute(
      db,
    );
    await sql`create trigger messages_fts_update after update of body on messages begin
      insert into messages_fts(messages_fts, rowid, body) values ('delete', old.rowid, old.body);
      insert into messages_fts(rowid, body) values (new.rowid, new.body); end`.execute(db);
    await sql`insert into messages_fts(messages_fts) values ('rebuild')`.execute(db);
  } else {
    await sql`drop index messages_body_grams`.execute(db);
    await sql`drop function parley_grams(text)`.execute(db);
  }
}
