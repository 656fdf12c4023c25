import { ServerSettings } from '@parley/protocol';
import { type Kysely, sql } from 'kysely';
import type { Dialect } from './connect.ts';
import type { Database } from './tables.ts';

type Db = Kysely<Database>;

export type SettingName = keyof ServerSettings;

/** The settings an admin may change at run time, in the order the console shows them. */
export const settingNames = Object.keys(ServerSettings.shape) as SettingName[];

/**
 * The values admins have set (`server_settings`), each checked against its schema. A row this
 * version does not know (a newer server wrote it) or cannot read is skipped: the environment's
 * value stands for it, as if nobody had set it.
 */
export async function storedSettings(db: Db): Promise<Partial<ServerSettings>> {
  const rows = await db.selectFrom('server_settings').select(['key', 'value']).execute();
  const found: Partial<Record<SettingName, unknown>> = {};
  for (const row of rows) {
    if (!settingNames.includes(row.key as SettingName)) continue;
    const name = row.key as SettingName;
    let value: unknown;
    try {
      value = JSON.parse(row.value);
    } catch {
      continue;
    }
    const parsed = ServerSettings.shape[name].safeParse(value);
    if (parsed.success) found[name] = parsed.data;
  }
  return found as Partial<ServerSettings>;
}

/**
 * One settings change at a time (PostgreSQL; SQLite has one writer anyway): two admins
 * changing the same setting on two nodes at once must each audit the value the other left,
 * not the one both read.
 */
export async function lockSettings(db: Db, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(7270540)`.execute(db);
}

/** Stores each of `values` (insert or replace), stamped with who set it and when. */
export async function saveSettings(
  db: Db,
  values: Partial<ServerSettings>,
  by: string,
  at: string,
): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    const row = { key, value: JSON.stringify(value), updated_at: at, updated_by: by };
    await db
      .insertInto('server_settings')
      .values(row)
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updated_at: at, updated_by: by }))
      .execute();
  }
}
