import type { Kysely } from 'kysely';
import type { Database, PushSubscriptionsTable } from './tables.ts';

type Db = Kysely<Database>;

export type PushSubscriptionRow = PushSubscriptionsTable;

/**
 * Makes `row` the session's one subscription. Any other session's row with the same endpoint
 * goes: that browser now belongs to this session, and must not hear the other account's
 * messages (a session ended without logging out, say by clearing the site's data, still
 * lives on the server until it idles out).
 */
export async function saveSubscription(db: Db, row: PushSubscriptionRow): Promise<void> {
  await db
    .deleteFrom('push_subscriptions')
    .where((eb) => eb.or([eb('session_id', '=', row.session_id), eb('endpoint', '=', row.endpoint)]))
    .execute();
  await db.insertInto('push_subscriptions').values(row).execute();
}

export async function subscriptionOfSession(
  db: Db,
  sessionId: string,
): Promise<PushSubscriptionRow | undefined> {
  return db
    .selectFrom('push_subscriptions')
    .selectAll()
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
}

export async function deleteSubscriptionOfSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('push_subscriptions').where('session_id', '=', sessionId).execute();
}

/** The push service said the subscription is gone (404/410): forget it. */
export async function deleteSubscriptionByEndpoint(db: Db, endpoint: string): Promise<void> {
  await db.deleteFrom('push_subscriptions').where('endpoint', '=', endpoint).execute();
}

/** A subscription to push to, with its owner's preview setting. */
export interface PushTarget extends PushSubscriptionRow {
  push_preview: number;
}

/** Every subscription of the users named, with whether each owner wants previews: one query. */
export async function subscriptionsOfUsers(db: Db, userIds: readonly string[]): Promise<PushTarget[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('push_subscriptions')
    .innerJoin('users', 'users.id', 'push_subscriptions.user_id')
    .selectAll('push_subscriptions')
    .select('users.push_preview')
    .where('push_subscriptions.user_id', 'in', [...userIds])
    .execute();
}

/** Whether the user's pushes show message text (Settings.pushPreview). */
export async function pushPreviewOn(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('push_preview').where('id', '=', userId).executeTakeFirst();
  return row?.push_preview === 1;
}

export async function setPushPreview(db: Db, userId: string, on: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ push_preview: on ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}
