/**
 * What SQLite's checkpoints cost the thread that commits: small transactions (one message
 * each, the shape of a send at light load) are committed at a steady rate on one connection,
 * and every commit is timed — first with SQLite's automatic checkpoint on that connection
 * (`main`), then with the checkpoints in a thread of their own (`thread`,
 * store/checkpointer.ts). Pinned to one core, as the server is in the send benchmarks, so the
 * checkpoint thread competes for the same core. Run from the repository root:
 *
 *   npx tsx bench/store/checkpoint.ts [seconds=10] [commits per ms=2]
 *
 * Prints, per mode and run, commit time p50/p99/p99.9/max, how many commits took over 5 ms
 * and the time spent in them: the stalls every send queued behind would pay.
 * docs/benchmarks.md ("Eighth change") records the figures.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { newId } from '../../packages/server/src/ids.ts';
import { Checkpointer } from '../../packages/server/src/store/checkpointer.ts';
import { openStore } from '../../packages/server/src/store/connect.ts';
import { migrateToLatest } from '../../packages/server/src/store/migrate.ts';

const seconds = Number(process.argv[2] ?? 10);
const perMs = Number(process.argv[3] ?? 2);
if (process.env.PARLEY_BENCH_PIN !== '0')
  execFileSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'ignore' });

const dir = mkdtempSync(path.join(tmpdir(), 'parley-checkpoint-bench-'));
const schema = path.join(dir, 'schema.db');
const store = openStore(`sqlite:${schema}`);
await migrateToLatest(store.db);
await store.close();

try {
  for (const mode of ['main', 'thread', 'main', 'thread'] as const)
    process.stdout.write(`${await run(mode)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function run(mode: 'main' | 'thread'): Promise<string> {
  const file = path.join(dir, `${mode}-${newId()}.db`);
  copyFileSync(schema, file);
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = OFF'); // messages only: no users or conversations to point at
  const checkpointer = mode === 'thread' ? new Checkpointer(file) : undefined;
  if (checkpointer) db.pragma(`wal_autocheckpoint = ${Checkpointer.backstopPages}`);
  const conversations = Array.from({ length: 100 }, () => ({ id: newId(), sender: newId(), seq: 0 }));
  const insert = db.prepare(
    `insert into messages (id, conversation_id, seq, sender_id, kind, body, data, client_msg_id, created_at)
     values (?, ?, ?, ?, 'text', ?, null, ?, ?)`,
  );
  const send = db.transaction((c: (typeof conversations)[number]) => {
    c.seq += 1;
    insert.run(
      newId(),
      c.id,
      c.seq,
      c.sender,
      `message ${c.seq}, hello there`,
      newId(),
      new Date().toISOString(),
    );
  });
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  let n = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      for (let k = 0; k < perMs; k++) {
        const start = performance.now();
        send(conversations[n++ % conversations.length]!);
        times.push(performance.now() - start);
      }
      if (performance.now() > end) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  await checkpointer?.close();
  db.close();
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  const slow = times.filter((t) => t > 5);
  return (
    `${mode.padEnd(6)} ${times.length} commits: p50 ${at(0.5)} / p99 ${at(0.99)} / p99.9 ${at(0.999)} / ` +
    `max ${times.at(-1)!.toFixed(1)} ms; over 5 ms: ${slow.length}, ${slow.reduce((a, b) => a + b, 0).toFixed(0)} ms in all`
  );
}
