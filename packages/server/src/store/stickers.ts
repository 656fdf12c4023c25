import type { Kysely } from 'kysely';
import type { Database, StickerPackRow, StickerRow } from './tables.ts';

type Db = Kysely<Database>;

export function stickerById(db: Db, id: string): Promise<StickerRow | undefined> {
  return db.selectFrom('stickers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSticker(db: Db, row: StickerRow): Promise<void> {
  await db.insertInto('stickers').values(row).execute();
}

export function packById(db: Db, id: string): Promise<StickerPackRow | undefined> {
  return db.selectFrom('sticker_packs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The server's packs, the built-in one first, then oldest first. */
export function allPacks(db: Db): Promise<StickerPackRow[]> {
  return db
    .selectFrom('sticker_packs')
    .selectAll()
    .orderBy('builtin', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Every pack's stickers, in the order they were added. */
export function packStickers(db: Db): Promise<StickerRow[]> {
  return db
    .selectFrom('stickers')
    .selectAll()
    .where('pack_id', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function stickerCountInPack(db: Db, packId: string): Promise<number> {
  const row = await db
    .selectFrom('stickers')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('pack_id', '=', packId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A user's collection, the latest added first. */
export function collectionOf(db: Db, userId: string): Promise<StickerRow[]> {
  return db
    .selectFrom('user_stickers')
    .innerJoin('stickers', 'stickers.id', 'user_stickers.sticker_id')
    .selectAll('stickers')
    .where('user_stickers.user_id', '=', userId)
    .orderBy('user_stickers.added_at', 'desc')
    .orderBy('stickers.id', 'desc')
    .execute();
}

export async function collectionSize(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('user_stickers')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function inCollection(db: Db, userId: string, stickerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('user_stickers')
    .select('sticker_id')
    .where('user_id', '=', userId)
    .where('sticker_id', '=', stickerId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Adds it (once); true when it was not there before. */
export async function addToCollection(
  db: Db,
  userId: string,
  stickerId: string,
  at: string,
): Promise<boolean> {
  const added = await db
    .insertInto('user_stickers')
    .values({ user_id: userId, sticker_id: stickerId, added_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'sticker_id']).doNothing())
    .returning('sticker_id')
    .executeTakeFirst();
  return added !== undefined;
}

export async function removeFromCollection(db: Db, userId: string, stickerId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('user_stickers')
    .where('user_id', '=', userId)
    .where('sticker_id', '=', stickerId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * May `userId` fetch the sticker's image? Pack stickers are public. A personal one: its
 * maker, whoever keeps it in their collection, and the members of a conversation where a
 * message shows it (not recalled: recalling removes the link).
 */
export async function maySeeSticker(db: Db, userId: string, sticker: StickerRow): Promise<boolean> {
  if (sticker.pack_id !== null || sticker.owner_id === userId) return true;
  if (await inCollection(db, userId, sticker.id)) return true;
  const row = await db
    .selectFrom('message_stickers')
    .innerJoin('members', 'members.conversation_id', 'message_stickers.conversation_id')
    .select('message_stickers.message_id')
    .where('message_stickers.sticker_id', '=', sticker.id)
    .where('members.user_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Deletes a pack. Its stickers that a message shows stay, without a pack (as personal
 * stickers of nobody's: still shown to those who see the messages, and to those who kept them),
 * since a message's sticker is never deleted; the rest go with the pack, and their files with
 * the next sweep.
 */
export async function deletePack(db: Db, packId: string): Promise<void> {
  await db
    .updateTable('stickers')
    .set({ pack_id: null })
    .where('pack_id', '=', packId)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('message_stickers').select('message_id').whereRef('sticker_id', '=', 'stickers.id')),
    )
    .execute();
  await db.deleteFrom('sticker_packs').where('id', '=', packId).execute();
}

/**
 * Deletes personal stickers nobody can reach any more: in no pack, no collection, and shown by
 * no message (their maker removed them, every message showing them was recalled). Run by the
 * media sweep before it removes unused blobs, so their files go in the same run.
 */
export async function deleteUnreachableStickers(db: Db): Promise<number> {
  const result = await db
    .deleteFrom('stickers')
    .where('pack_id', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('user_stickers').select('user_id').whereRef('sticker_id', '=', 'stickers.id'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('message_stickers').select('message_id').whereRef('sticker_id', '=', 'stickers.id'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
