import { type Kysely, SqliteAdapter, sql } from 'kysely';

/**
 * Step 8, message search finds image captions and file names. A caption is the message's body,
 * already indexed (migration 20261122T0300); a file's name lives on its upload, so the upload
 * names get a trigram index of their own, and search looks through message_uploads to the
 * messages that show them (store/search.ts):
 * - SQLite: an external-content FTS5 table over uploads.name, kept in step by triggers (a
 *   name never changes, so insert and delete are enough), filled from the existing rows by
 *   'rebuild';
 * - PostgreSQL: a pg_trgm GIN index on uploads.name, built over the existing rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`create virtual table uploads_fts using fts5(name, content='uploads', content_rowid='rowid', tokenize='trigram')`.execute(
      db,
    );
    await sql`create trigger uploads_fts_insert after insert on uploads begin
      insert into uploads_fts(rowid, name) values (new.rowid, new.name); end`.execute(db);
    await sql`create trigger uploads_fts_delete after delete on uploads begin
      insert into uploads_fts(uploads_fts, rowid, name) values ('delete', old.rowid, old.name); end`.execute(
      db,
    );
    await sql`insert into uploads_fts(uploads_fts) values ('rebuild')`.execute(db);
  } else {
    await sql`create index uploads_name_trgm on uploads using gin (name gin_trgm_ops)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`drop trigger uploads_fts_insert`.execute(db);
    await sql`drop trigger uploads_fts_delete`.execute(db);
    await sql`drop table uploads_fts`.execute(db);
  } else {
    await sql`drop index uploads_name_trgm`.execute(db);
  }
}
