import type { ServerCounts } from '@parley/protocol';
import { type Kysely, sql } from 'kysely';
import type { Database } from './tables.ts';

type Db = Kysely<Database>;

/**
 * The admin console's front page, everything but who is online (presence knows that). Each
 * count is written to stay cheap on a server with millions of messages; the cost is noted by
 * each query. `since` is 24 hours ago.
 */
export async function serverCounts(db: Db, since: string): Promise<Omit<ServerCounts, 'onlineNow'>> {
  // One after another: the console can wait a few milliseconds more, and a busy PostgreSQL
  // pool is better left to the chat than lent seven connections at once.
  const people =
    // One pass over the users table (O(users), far fewer rows than messages).
    await db
      .selectFrom('users')
      .select([
        sql<string | number>`count(*)`.as('users'),
        sql<string | number>`coalesce(sum(case when disabled_at is not null then 1 else 0 end), 0)`.as(
          'disabled',
        ),
      ])
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
  const activeToday =
    // Seen in the last day: users.last_seen_at is when their last socket closed, so someone
    // online all day is found by a session used since (sessions.last_seen_at, refreshed on
    // use; sessions_user_id makes each look-up an index probe). O(users + their sessions).
    await db
      .selectFrom('users as u')
      .select(sql<string | number>`count(*)`.as('n'))
      .where('u.deleted_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('u.last_seen_at', '>=', since),
          eb.exists(
            eb
              .selectFrom('sessions as s')
              .select(sql`1`.as('one'))
              .whereRef('s.user_id', '=', 'u.id')
              .where('s.last_seen_at', '>=', since),
          ),
        ]),
      )
      .executeTakeFirstOrThrow();
  const messages =
    // Every message takes its conversation's next seq (1, 2, 3 …) and no message is ever
    // deleted (a recall empties it), so the sum of last_seq is count(*) of messages, read
    // from the conversations: O(conversations) instead of O(messages).
    await db
      .selectFrom('conversations')
      .select(sql<string | number>`coalesce(sum(last_seq), 0)`.as('n'))
      .executeTakeFirstOrThrow();
  const messagesToday =
    // Message ids are UUIDv7, which start with their creation time: the primary key's range
    // from `since`'s id reads the last day's messages only, O(messages today). created_at
    // checks each (a row made with an older date keeps out).
    await db
      .selectFrom('messages')
      .select(sql<string | number>`count(*)`.as('n'))
      .where('id', '>=', firstIdAt(since))
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow();
  const groups =
    // conversations_kind_name: the range of kind 'group', O(groups).
    await db
      .selectFrom('conversations')
      .select(sql<string | number>`count(*)`.as('n'))
      .where('kind', '=', 'group')
      .where('dissolved_at', 'is', null)
      .executeTakeFirstOrThrow();
  const storage =
    // One row per distinct stored file: O(files), a scan of a narrow table.
    await db
      .selectFrom('blobs')
      .select(sql<string | number>`coalesce(sum(size), 0)`.as('n'))
      .executeTakeFirstOrThrow();
  const openReports =
    // reports_status: the range of status 'open', O(open reports).
    await db
      .selectFrom('reports')
      .select(sql<string | number>`count(*)`.as('n'))
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
  return {
    users: Number(people.users),
    disabledUsers: Number(people.disabled),
    activeToday: Number(activeToday.n),
    messages: Number(messages.n),
    messagesToday: Number(messagesToday.n),
    groups: Number(groups.n),
    storageBytes: Number(storage.n),
    openReports: Number(openReports.n),
  };
}

/** The smallest UUIDv7 of the millisecond `at`: its 48-bit time, then zeros. */
export function firstIdAt(at: string): string {
  const hex = Date.parse(at).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}
