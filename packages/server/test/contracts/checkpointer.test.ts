import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { Checkpointer } from '../../src/store/checkpointer.ts';
import { type Store, openStore } from '../../src/store/connect.ts';

const connectModule = fileURLToPath(new URL('../../src/store/connect.ts', import.meta.url));

/**
 * SQLite's WAL is copied into the database file by a thread of its own (store/checkpointer.ts),
 * not by the connection that commits, whose automatic checkpoint waits until the WAL holds
 * Checkpointer.backstopPages pages.
 */
describe('SQLite checkpoints in the background', () => {
  let dir: string;
  let store: Store | undefined;

  afterEach(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('brings committed pages into the database file well before the backstop', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parley-checkpoint-'));
    const file = path.join(dir, 'parley.db');
    store = openStore(`sqlite:${file}`);
    await sql`create table filler (bytes blob not null)`.execute(store.db);
    const before = statSync(file).size;
    // 2 MB in 64 commits: about 500 pages, a twentieth of the backstop.
    for (let i = 0; i < 64; i++) {
      await store.db.transaction().execute(async (tx) => {
        for (let j = 0; j < 8; j++) await sql`insert into filler values (${randomBytes(4000)})`.execute(tx);
      });
    }
    expect(500).toBeLessThan(Checkpointer.backstopPages / 10);
    const deadline = Date.now() + 10_000;
    while (statSync(file).size - before < 2_000_000 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(statSync(file).size - before).toBeGreaterThanOrEqual(2_000_000);
    const [row] = (await sql<{ n: number }>`select count(*) as n from filler`.execute(store.db)).rows;
    expect(row!.n).toBe(512);
  });

  it('lets a process that closes its store finish closing and exit 0', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parley-checkpoint-'));
    // A process of its own: here the test runner would keep the event loop alive regardless.
    const script = `
      const { openStore } = await import(${JSON.stringify(connectModule)});
      const store = openStore(${JSON.stringify(`sqlite:${path.join(dir, 'parley.db')}`)});
      await store.db.selectFrom('sqlite_master').selectAll().execute();
      await store.close();
      process.stdout.write('closed');
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect({ status: child.status, out: child.stdout }).toEqual({ status: 0, out: 'closed' });
  });
});
