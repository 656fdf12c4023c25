import { type Kysely, sql } from 'kysely';
import { gramToken, gramsOf } from './grams.ts';
import type { Database, MessageRow } from './tables.ts';

/**
 * Keeps the search index up with the messages (migration 20261207T0100_search_grams). On
 * PostgreSQL the database does it (a GIN index), and this does nothing.
 */
export interface SearchIndexer {
  /** Indexes, from now on, what is committed, a little at a time in the background. */
  start(): void;
  /** Indexes everything committed so far; search asks this first, so it finds every message. */
  catchUp(): Promise<void>;
  /** Stops the background work, waiting for a step already running. */
  close(): Promise<void>;
}

export const noSearchIndexer: SearchIndexer = {
  start() {},
  catchUp: () => Promise.resolve(),
  close: () => Promise.resolve(),
};

/** How often the background looks for new messages. */
const intervalMs = 100;
/**
 * Messages a step indexes in one transaction. A step holds SQLite's one connection, and sends
 * wait for it; this many take a millisecond or two, and the steps let sends in between.
 */
const chunk = 50;

/**
 * SQLite: indexes messages after their sends have committed, so the ack does not wait for the
 * index. `search_progress.upto` marks how far it has come; new messages are those above it,
 * and `search_pending` holds indexed ones whose text changed or that went away (the migration's
 * triggers). Each step moves the mark and writes the index in one transaction, so a crash
 * loses no work and repeats none.
 */
export class SqliteSearchIndexer implements SearchIndexer {
  private timer: NodeJS.Timeout | undefined;
  /** The step running now (steps never overlap). */
  private running: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly db: Kysely<Database>) {}

  start(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => void this.catchUp().catch(() => {}), intervalMs);
    this.timer.unref();
  }

  catchUp(): Promise<void> {
    const next = this.running.then(async () => {
      while (!this.closed && (await this.step())) {
        // Let the sends waiting for the connection in before the next chunk.
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    this.running = next.catch(() => {});
    return next;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** One chunk of pending and new messages; true when more may be waiting. */
  private step(): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const pending = await tx
        .selectFrom('search_pending')
        .select('message_rowid')
        .orderBy('message_rowid')
        .limit(chunk)
        .execute();
      const rows: Indexed[] = [];
      for (const { message_rowid: rowid } of pending) {
        await sql`delete from messages_grams where rowid = ${rowid}`.execute(tx);
        const message = await tx
          .selectFrom('messages')
          .select(['kind', 'body', 'recalled_at'])
          .where(sql<boolean>`rowid = ${rowid}`)
          .executeTakeFirst();
        if (message) rows.push({ rowid, ...message });
      }
      if (pending.length > 0) {
        await tx
          .deleteFrom('search_pending')
          .where('message_rowid', '<=', pending.at(-1)!.message_rowid)
          .execute();
      }

      const { upto } = await tx.selectFrom('search_progress').select('upto').executeTakeFirstOrThrow();
      const fresh = await tx
        .selectFrom('messages')
        .select([sql<number>`rowid`.as('rowid'), 'kind', 'body', 'recalled_at'])
        .where(sql<boolean>`rowid > ${upto}`)
        .orderBy(sql`rowid`)
        .limit(chunk)
        .execute();
      rows.push(...fresh);
      await index(tx, rows);
      if (fresh.length > 0) {
        await tx
          .updateTable('search_progress')
          .set({ upto: fresh.at(-1)!.rowid })
          .execute();
      }
      return pending.length === chunk || fresh.length === chunk;
    });
  }
}

type Indexed = Pick<MessageRow, 'kind' | 'body' | 'recalled_at'> & { rowid: number };

/**
 * Adds the messages with words to find — text, and images and files by caption; never recalled
 * ones — in one statement (one per message cost more than FTS5's own work).
 */
async function index(tx: Kysely<Database>, messages: Indexed[]): Promise<void> {
  const values = [];
  for (const message of messages) {
    const searchable = message.kind === 'text' || message.kind === 'image' || message.kind === 'file';
    if (!searchable || message.recalled_at !== null || message.body === '') continue;
    const tokens = [...gramsOf(message.body)].map(gramToken).join(' ');
    values.push(sql`(${message.rowid}, ${tokens})`);
  }
  if (values.length === 0) return;
  await sql`insert into messages_grams (rowid, grams) values ${sql.join(values)}`.execute(tx);
}
