import { type Kysely, SqliteAdapter, sql } from 'kysely';

/**
 * Step 3: message operations (replies, edits, recalls, forwards), read state per member,
 * mentions, reactions, a per-user read-receipt setting, and full-text search that works for
 * Chinese, Japanese and Korean as well as English: SQLite's FTS5 trigram tokenizer, and
 * PostgreSQL's pg_trgm. Both index every three-character run of the text, so a query needs no
 * word boundaries ("你好" inside "大家你好啊").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;

  await db.schema.alterTable('messages').addColumn('reply_to_id', 'text').execute();
  await db.schema.alterTable('messages').addColumn('edited_at', 'text').execute();
  await db.schema.alterTable('messages').addColumn('recalled_at', 'text').execute();
  await db.schema.alterTable('messages').addColumn('recalled_by', 'text').execute();

  await db.schema
    .alterTable('members')
    .addColumn('last_read_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('members').addColumn('pinned_at', 'text').execute();
  await db.schema
    .alterTable('members')
    .addColumn('notifications_muted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .alterTable('users')
    .addColumn('read_receipts', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('mentions')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('mentions_pk', ['user_id', 'conversation_id', 'seq'])
    .execute();

  await db.schema
    .createTable('reactions')
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('emoji', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reactions_pk', ['message_id', 'user_id', 'emoji'])
    .execute();

  if (sqlite) {
    // An external-content FTS5 table over messages.body, kept in step by triggers; recalled
    // messages have an empty body, so they leave the index with their content.
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
  } else {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index messages_body_trgm on messages using gin (body gin_trgm_ops)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (sqlite) {
    for (const t of ['messages_fts_insert', 'messages_fts_delete', 'messages_fts_update']) {
      await sql`drop trigger ${sql.raw(t)}`.execute(db);
    }
    await sql`drop table messages_fts`.execute(db);
  } else {
    await sql`drop index messages_body_trgm`.execute(db);
  }
  await db.schema.dropTable('reactions').execute();
  await db.schema.dropTable('mentions').execute();
  await db.schema.alterTable('users').dropColumn('read_receipts').execute();
  for (const c of ['notifications_muted', 'pinned_at', 'last_read_seq']) {
    await db.schema.alterTable('members').dropColumn(c).execute();
  }
  for (const c of ['recalled_by', 'recalled_at', 'edited_at', 'reply_to_id']) {
    await db.schema.alterTable('messages').dropColumn(c).execute();
  }
}
