import { type Kysely, sql } from 'kysely';
import type { CustomEmojiRow, Database } from './tables.ts';

type Db = Kysely<Database>;

export function allCustomEmoji(db: Db): Promise<CustomEmojiRow[]> {
  return db.selectFrom('custom_emoji').selectAll().orderBy('shortcode').execute();
}

export function customEmojiByShortcode(db: Db, shortcode: string): Promise<CustomEmojiRow | undefined> {
  return db.selectFrom('custom_emoji').selectAll().where('shortcode', '=', shortcode).executeTakeFirst();
}

export async function customEmojiCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('custom_emoji')
    .select(sql<string | number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Adds the emoji, or gives an existing shortcode its new image. */
export async function putCustomEmoji(db: Db, row: CustomEmojiRow): Promise<CustomEmojiRow> {
  const { shortcode: _key, created_at: _first, ...image } = row;
  return db
    .insertInto('custom_emoji')
    .values(row)
    .onConflict((oc) => oc.column('shortcode').doUpdateSet(image))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteCustomEmoji(db: Db, shortcode: string): Promise<boolean> {
  const result = await db.deleteFrom('custom_emoji').where('shortcode', '=', shortcode).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
