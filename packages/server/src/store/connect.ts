import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import { LRUCache } from 'lru-cache';
import pg from 'pg';
import { Checkpointer } from './checkpointer.ts';
import { type SearchIndexer, SqliteSearchIndexer, noSearchIndexer } from './search-indexer.ts';
import type { Database } from './tables.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL's connection pool, read by the metrics; undefined on SQLite. */
  pool?: pg.Pool;
  /** Feeds message search's index on SQLite (store/search-indexer.ts); started after migrating. */
  search: SearchIndexer;
  close(): Promise<void>;
}

/** How SQLite waits for the disk at each commit (PARLEY_SQLITE_SYNC, docs/reliability.md). */
export type SqliteSync = 'normal' | 'full';

/**
 * Opens the database a URL names: `sqlite:<file>` (WAL mode) or `postgres://…`. `onIdleError`
 * hears PostgreSQL connections lost while idle (server restart, failover): the pool replaces
 * them, and without a listener the error would end the process.
 */
export function openStore(
  url: string,
  onIdleError: (err: Error) => void = () => {},
  sqliteSync: SqliteSync = 'normal',
): Store {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new SQLite(file);
    // WAL lets readers run beside the writer. NORMAL sync is durable in WAL mode across process
    // crashes (only an OS crash or power cut can lose the last commits); FULL also fsyncs the
    // WAL at every commit. docs/reliability.md has both promises and what FULL costs.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${sqliteSync === 'full' ? 'FULL' : 'NORMAL'}`);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Checkpoints run in a thread of their own (store/checkpointer.ts); this connection's own
    // automatic one is the backstop.
    const checkpointer = file === ':memory:' ? undefined : new Checkpointer(file);
    if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${Checkpointer.backstopPages}`);
    // SQLite's own lower() folds ASCII only; searches must ignore case in every script, as on
    // PostgreSQL (É/é, Ж/ж).
    sqlite.function('lower', { deterministic: true }, (s: unknown) =>
      typeof s === 'string' ? s.toLowerCase() : s,
    );
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite) }) });
    const search = new SqliteSearchIndexer(db);
    const close = async () => {
      await search.close();
      await checkpointer?.close();
      await db.destroy();
    };
    return { db, dialect: 'sqlite', search, close };
  }
  // PostgreSQL parses a statement in microseconds; what costs there is round trips, which the
  // send batcher (actions/messages/send-batcher.ts) cuts by committing many sends at once.
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', onIdleError);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', pool, search: noSearchIndexer, close: () => db.destroy() };
}

/**
 * Kysely's SQLite driver prepares every statement anew, and preparing costs about as much as
 * running one of Parley's small indexed queries. The same SQL text always gets the same
 * prepared statement back (better-sqlite3 statements are reusable; Kysely runs one at a time on
 * its single connection). Bounded in count and in SQL text: texts with IN-lists or VALUES lists
 * of many lengths come and go.
 */
function reusingStatements(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new LRUCache<string, SQLite.Statement>({
    max: 1000,
    // A batch of 512 sends is one insert of some 40 KB of SQL, and each batch size its own text.
    maxSize: 8_000_000,
    sizeCalculation: (_statement, text) => text.length,
  });
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (!statement) statements.set(text, (statement = sqlite.prepare(text)));
      return statement;
    },
  };
}
