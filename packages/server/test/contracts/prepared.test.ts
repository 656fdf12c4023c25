import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/ids.ts';
import { type Store, openStore } from '../../src/store/connect.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { prepared, preparedList } from '../../src/store/prepared.ts';
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

/** Sessions by (user, device name) pairs, newest first, and how many a `case` gives each. */
const sessionsByDevice = preparedList(
  ['userId', 'device', 'weight'],
  (db: Store['db'], items: readonly { userId: string; device: string; weight: number }[]) =>
    db
      .selectFrom('sessions')
      .select([
        'device_name',
        sql<number>`case ${sql.join(
          items.map((i) => sql`when device_name = ${i.device} then cast(${i.weight} as integer)`),
          sql` `,
        )} else 0 end`.as('weight'),
      ])
      .where((eb) =>
        eb.or(items.map((i) => eb.and([eb('user_id', '=', i.userId), eb('device_name', '=', i.device)]))),
      )
      .where('device_name', '!=', 'never this device')
      .orderBy('device_name'),
);

/** The same pairs with no order across items: a list that may be run in several statements. */
const devicesNamed = preparedList(
  ['userId', 'device'],
  (db: Store['db'], items: readonly { userId: string; device: string }[]) =>
    db
      .selectFrom('sessions')
      .select('device_name')
      .where((eb) =>
        eb.or(items.map((i) => eb.and([eb('user_id', '=', i.userId), eb('device_name', '=', i.device)]))),
      ),
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

  it('answers a list query of each length with its own items, lengths coming and going', async () => {
    const [ann, ben] = users as [string, string];
    const item = (userId: string, device: string, weight: number) => ({ userId, device, weight });
    const rows = (r: { device_name: string; weight: number | string }[]) =>
      r.map((row) => [row.device_name, Number(row.weight)]);
    expect(rows(await sessionsByDevice(store.db, [item(ann, 'ann phone', 3)]))).toEqual([['ann phone', 3]]);
    expect(
      rows(
        await sessionsByDevice(store.db, [
          item(ben, 'ben laptop', 1),
          item(ann, 'ann laptop', 2),
          item(ann, 'ben phone', 5), // ann has no such device
        ]),
      ),
    ).toEqual([
      ['ann laptop', 2],
      ['ben laptop', 1],
    ]);
    // Length 1 again, compiled before: its new values, not the first call's.
    expect(rows(await sessionsByDevice(store.db, [item(ben, 'ben phone', 7)]))).toEqual([['ben phone', 7]]);
    const inTx = await store.db
      .transaction()
      .execute((tx) => sessionsByDevice(tx, [item(ann, 'ann phone', 1), item(ben, 'ben phone', 2)]));
    expect(rows(inTx)).toEqual([
      ['ann phone', 1],
      ['ben phone', 2],
    ]);
  });

  it('answers a list longer than one statement takes with the rows of every item, at the seams too', async () => {
    const [ann, ben] = users as [string, string];
    // SQLite runs 64 items a statement (store/prepared.ts); the real pairs sit on either side
    // of each seam, the rest name devices nobody has.
    const items = Array.from({ length: 150 }, (_, i) => ({ userId: ann, device: `no such device ${i}` }));
    items[0] = { userId: ann, device: 'ann laptop' };
    items[63] = { userId: ann, device: 'ann phone' };
    items[64] = { userId: ben, device: 'ben laptop' };
    items[149] = { userId: ben, device: 'ben phone' };
    const names = (await devicesNamed(store.db, items)).map((r) => r.device_name).sort();
    expect(names).toEqual(['ann laptop', 'ann phone', 'ben laptop', 'ben phone']);
    const inTx = await store.db.transaction().execute((tx) => devicesNamed(tx, items.slice(60, 130)));
    expect(inTx.map((r) => r.device_name).sort()).toEqual(['ann phone', 'ben laptop']);
  });

  it('refuses a list query that leaves out a field, and an empty list', async () => {
    const careless = preparedList(
      ['id', 'name'],
      (db: Store['db'], items: readonly { id: string; name: string }[]) =>
        db
          .selectFrom('users')
          .select('id')
          .where(
            'id',
            'in',
            items.map((i) => i.id),
          ),
    );
    await expect(careless(store.db, [{ id: 'x', name: 'y' }])).rejects.toThrow(/each argument must be used/);
    await expect(sessionsByDevice(store.db, [])).rejects.toThrow(/no items/);
  });

  it('refuses a query that does not use an argument as a value', async () => {
    const careless = prepared((db: Store['db'], _unused: string) => db.selectFrom('sessions').select('id'));
    await expect(careless(store.db, 'x')).rejects.toThrow(/each argument must be used/);
  });
});
