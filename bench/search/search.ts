/**
 * Message search timings on a seeded database, on SQLite and PostgreSQL, for queries of every
 * length (store/search.ts): first 100,000 messages over 40 conversations (the reader in half),
 * then one chat of 100,000 messages where a 2-character and a 1-character query have a few
 * dozen matches — the time per page of 20 and the requests it takes to see them all. On SQLite
 * it also times feeding the index (store/search-indexer.ts). Run from the repository root:
 *
 *   npx tsx bench/search/search.ts [messages=100000] [sqlite|postgres|both]
 *
 * PostgreSQL uses a throwaway database made like the test suite's (PARLEY_TEST_POSTGRES_URL).
 * Results go to docs/benchmarks.md ("## Search") by hand.
 */
import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { newId } from '../../packages/server/src/ids.ts';
import { type Store, openStore } from '../../packages/server/src/store/connect.ts';
import { migrateToLatest } from '../../packages/server/src/store/migrate.ts';
import { type SearchKey, searchMessageRows } from '../../packages/server/src/store/search.ts';
import type { MessageRow } from '../../packages/server/src/store/tables.ts';
import { createTestDatabase } from '../../packages/server/src/testing.ts';

const total = Number(process.argv[2] ?? 100_000);
const which = process.argv[3] ?? 'both';
const words = [
  '你好',
  '大家',
  '东京',
  '明天',
  '学校',
  '作业',
  'ありがとう',
  '안녕하세요',
  'hello',
  'meeting',
  'lunch',
  'homework',
  '今天',
  '老师',
  '考试',
  'weekend',
  '週末',
  '시험',
  'photo',
  '哈哈',
];

function sentence(i: number): string {
  let s = '';
  let x = Math.imul(i + 1, 2654435761) >>> 0;
  for (let k = 0; k < 6; k += 1) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += words[(x >>> 16) % words.length] + (k % 2 ? ' ' : '');
  }
  return i % 997 === 0 ? `${s} rarephrase` : s;
}

/** For the one big chat: the common words, and a few rare ones (40 × 稀有, 25 × Ω). */
function chatLine(i: number): string {
  const s = sentence(i);
  if (i % 2500 === 1234) return `${s} 稀有`;
  if (i % 4000 === 2345) return `Ω ${s}`;
  return s;
}

async function seed(store: Store, conversations: number, line: (i: number) => string): Promise<string> {
  const db = store.db;
  const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
  const reader = newId();
  await db
    .insertInto('users')
    .values({
      id: reader,
      username: 'reader',
      display_name: 'Reader',
      password_hash: 'x',
      bio: '',
      avatar: null,
      role: 'member',
      created_at: at(0),
      updated_at: at(0),
      last_seen_at: null,
      read_receipts: 1,
    })
    .execute();
  const ids: string[] = [];
  for (let c = 0; c < conversations; c += 1) {
    const id = newId();
    ids.push(id);
    await db
      .insertInto('conversations')
      .values({
        id,
        kind: 'group',
        name: `g${c}`,
        description: '',
        avatar: null,
        join_policy: 'open',
        invite_mode: 'accept',
        show_presence: 1,
        direct_key: null,
        owner_id: null,
        member_count: 1,
        last_seq: 0,
        created_at: at(0),
        updated_at: at(0),
        dissolved_at: null,
      })
      .execute();
    if (c % 2 === 0 || conversations === 1) {
      await db
        .insertInto('members')
        .values({
          conversation_id: id,
          user_id: reader,
          role: 'member',
          joined_at: at(0),
          muted_until: null,
          last_read_seq: 0,
          pinned_at: null,
          notifications_muted: 0,
        })
        .execute();
    }
  }
  const seqs = new Array<number>(conversations).fill(0);
  for (let start = 0; start < total; start += 1000) {
    const rows: MessageRow[] = [];
    for (let i = start; i < Math.min(total, start + 1000); i += 1) {
      const c = i % conversations;
      seqs[c]! += 1;
      rows.push({
        id: newId(),
        conversation_id: ids[c]!,
        seq: seqs[c]!,
        sender_id: reader,
        kind: 'text' as const,
        body: line(i),
        data: null,
        client_msg_id: null,
        created_at: at(i * 1000),
        reply_to_id: null,
        edited_at: null,
        recalled_at: null,
        recalled_by: null,
      });
    }
    await db.transaction().execute((tx) => tx.insertInto('messages').values(rows).execute());
  }
  return reader;
}

async function time(label: string, run: () => Promise<number>): Promise<void> {
  await run(); // warm
  const runs = 10;
  const started = performance.now();
  let found = 0;
  for (let i = 0; i < runs; i += 1) found = await run();
  say(
    `  ${label.padEnd(46)} ${((performance.now() - started) / runs).toFixed(1).padStart(7)} ms  (${found} rows)`,
  );
}

/** The newest page of 20 (asking for 21, as the API does), after `after`. */
function page(
  store: Store,
  scope: { userId: string; conversationId?: string },
  q: string,
  after?: SearchKey,
) {
  return searchMessageRows(store.db, store.dialect, scope, q, after, 21);
}

/** Every page of `q`, as a client following nextCursor: requests made, hits, ms per request. */
async function allPages(store: Store, scope: { userId: string; conversationId?: string }, q: string) {
  let requests = 0;
  let hits = 0;
  let after: SearchKey | undefined;
  const started = performance.now();
  for (;;) {
    const rows = await page(store, scope, q, after);
    requests += 1;
    hits += Math.min(rows.length, 20);
    if (rows.length <= 20) break;
    const last = rows[19]!;
    after = { createdAt: last.created_at, id: last.id };
  }
  return { requests, hits, ms: (performance.now() - started) / requests };
}

async function bench(dialect: 'sqlite' | 'postgres', conversations: number): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-bench-'));
  const pgDb = dialect === 'postgres' ? await createTestDatabase() : null;
  const store = openStore(pgDb ? pgDb.url : `sqlite:${dir}/bench.db`);
  try {
    await migrateToLatest(store.db);
    const reader = await seed(store, conversations, conversations === 1 ? chatLine : sentence);
    const feeding = performance.now();
    await store.search.catchUp();
    if (dialect === 'sqlite') {
      const s = (performance.now() - feeding) / 1000;
      say(`${dialect}: indexed ${total} messages in ${s.toFixed(2)} s (${Math.round(total / s)} messages/s)`);
    }
    if (dialect === 'postgres') await sql`analyze`.execute(store.db);
    if (conversations === 1) {
      const { conversation_id: chat } = await store.db
        .selectFrom('messages')
        .select('conversation_id')
        .executeTakeFirstOrThrow();
      const scope = { userId: reader, conversationId: chat };
      say(`${dialect}: one chat of ${total} messages`);
      for (const q of ['稀有', 'Ω', '你好', 'ありがとう', 'zz']) {
        await time(`"${q}" newest page, in the chat`, async () => (await page(store, scope, q)).length);
      }
      for (const q of ['稀有', 'Ω']) {
        const { requests, hits, ms } = await allPages(store, scope, q);
        say(`  "${q}": all ${hits} hits in ${requests} requests, ${ms.toFixed(1)} ms each`);
      }
      return;
    }
    say(`${dialect}: ${total} messages in ${conversations} conversations, the reader in half`);
    const scope = { userId: reader };
    for (const q of ['ありがとう', 'homework', 'rarephrase', 'no such words', '你好', '哈哈', '東', 'zz']) {
      await time(`"${q}" newest page`, async () => (await page(store, scope, q)).length);
    }
  } finally {
    await store.close();
    if (process.env.PARLEY_BENCH_KEEP && pgDb) say(`  kept ${pgDb.url}`);
    else await pgDb?.drop();
    if (process.env.PARLEY_BENCH_KEEP) say(`  kept ${dir}/bench.db`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

for (const conversations of process.env.PARLEY_BENCH_ONLY
  ? [Number(process.env.PARLEY_BENCH_ONLY)]
  : [40, 1]) {
  if (which !== 'postgres') await bench('sqlite', conversations);
  if (which !== 'sqlite') await bench('postgres', conversations);
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
