import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.ts';
import { type Store, openStore } from '../../src/store/connect.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { prepared } from '../../src/store/prepared.ts';
import { createTestDatabase } from '../../src/testing.ts';
import { dialects } from '../support/server.ts';

/** A user's sessions begun at or after `since`, by device name. */
const sessionsOf = prepared((db: Store['db'], userId: string, since: string) =>
  db
    .selectFrom('sessions')
    .select(['device_name', 'created_at'])
    .where('user_id', '=', userId)
    .where('created_at', '>=', since)
    .where('device_name', '!=', 'never this device')
    .orderBy('device_name'),
);

const t1 = '2026-12-07T01:00:00.000Z';
const t2 = '2026-12-07T02:00:00.000Z';

/**
 * A query built once and run with other values (store/prepared.ts) must answer as the same
 * query built each time: the values a caller passes, the constants the builder wrote, on
 * both databases, and inside a transaction.
 */
describe.each(dialects)('prepared queries on %s', (dialect) => {
  let store: Store;
  let dir: string;
  let drop: (() => Promise<void>) | undefined;
  const users: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parley-prepared-'));
    if (dialect === 'postgres') {
      const pg = await createTestDatabase();
      drop = pg.drop;
      store = openStore(pg.url);
    } else {
      store = openStore(`sqlite:${dir}/parley.db`);
    }
    await migrateToLatest(store.db);
    for (const name of ['ann', 'ben']) {
      const id = newId();
      users.push(id);
      const at = new Date().toISOString();
      await store.db
        .insertInto('users')
        .values({
          id,
          username: `${name}${id.slice(-6)}`,
          display_name: name,
          password_hash: 'x',
          bio: '',
          avatar: null,
          role: 'member',
          created_at: at,
          updated_at: at,
          last_seen_at: null,
          read_receipts: 1,
          push_preview: 1,
          presence_visible_to: 'everyone',
        })
        .execute();
      for (const [device, created] of [
        ['laptop', t1],
        ['phone', t2],
      ] as const) {
        await store.db
          .insertInto('sessions')
          .values({
            id: newId(),
            user_id: id,
            token_hash: newId(),
            device_name: `${name} ${device}`,
            ip: null,
            user_agent: null,
            created_at: created,
            last_seen_at: created,
          })
          .execute();
      }
    }
  });

  afterAll(async () => {
    await store.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers each call with its own values, the same inside a transaction', async () => {
    const [ann, ben] = users as [string, string];
    expect((await sessionsOf(store.db, ann, t1)).map((r) => r.device_name)).toEqual([
      'ann laptop',
      'ann phone',
    ]);
    expect(await sessionsOf(store.db, ben, t2)).toEqual([{ device_name: 'ben phone', created_at: t2 }]);
    expect(await sessionsOf(store.db, ben, '2026-12-08T00:00:00.000Z')).toEqual([]);
    const inTx = await store.db.transaction().execute((tx) => sessionsOf(tx, ann, t2));
    expect(inTx.map((r) => r.device_name)).toEqual(['ann phone']);
  });

  it('refuses a query that does not use an argument as a value', async () => {
    const careless = prepared((db: Store['db'], _unused: string) => db.selectFrom('sessions').select('id'));
    await expect(careless(store.db, 'x')).rejects.toThrow(/each argument must be used/);
  });
});
