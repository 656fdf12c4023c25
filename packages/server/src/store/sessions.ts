import type { Kysely } from 'kysely';
import { prepared } from './prepared.ts';
import type { Database, NewSession, SessionRow, UserRow } from './tables.ts';

type Db = Kysely<Database>;

export async function insertSession(db: Db, session: NewSession): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export interface SessionWithUser {
  session: SessionRow;
  user: UserRow;
}

/** The live session a bearer token's hash belongs to, with its user; one indexed lookup. */
export async function sessionByTokenHash(db: Db, tokenHash: string): Promise<SessionWithUser | undefined> {
  const [row] = await byTokenHash(db, tokenHash);
  return row && withUser(row);
}

/**
 * The live session a media credential's hash belongs to (the `parley_media` cookie), with its
 * user. Only the /media routes ask this; a bearer token is never looked up here, nor a media
 * credential in `token_hash`.
 */
export async function sessionByMediaTokenHash(
  db: Db,
  mediaTokenHash: string,
): Promise<SessionWithUser | undefined> {
  const [row] = await byMediaTokenHash(db, mediaTokenHash);
  return row && withUser(row);
}

/** Stores the media credential's hash on the session (sessions opened before it existed have none). */
export async function setMediaTokenHash(db: Db, sessionId: string, mediaTokenHash: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ media_token_hash: mediaTokenHash })
    .where('id', '=', sessionId)
    .execute();
}

/** A session joined to its user, the session's columns prefixed so they do not clash. */
const sessionAndUser = (db: Db) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select([
      'sessions.id as s_id',
      'sessions.token_hash as s_token_hash',
      'sessions.media_token_hash as s_media_token_hash',
      'sessions.device_name as s_device_name',
      'sessions.ip as s_ip',
      'sessions.user_agent as s_user_agent',
      'sessions.created_at as s_created_at',
      'sessions.last_seen_at as s_last_seen_at',
    ]);

type SessionAndUserRow = Awaited<ReturnType<ReturnType<typeof sessionAndUser>['execute']>>[number];

/**
 * Splits the joined row. Each field is copied by name: a rest pattern (`...user`) over the
 * row's two dozen properties cost a WebSocket hello about 5% of its CPU (bench/connect/hello.ts),
 * and the annotation makes a user column left out here a compile error.
 */
function withUser(row: SessionAndUserRow): SessionWithUser {
  const user: UserRow = {
    id: row.id,
    username: row.username,
    display_name: row.display_name,
    password_hash: row.password_hash,
    bio: row.bio,
    avatar: row.avatar,
    avatar_small: row.avatar_small,
    role: row.role,
    created_at: row.created_at,
    updated_at: row.updated_at,
    last_seen_at: row.last_seen_at,
    read_receipts: row.read_receipts,
    push_preview: row.push_preview,
    presence_visible_to: row.presence_visible_to,
    deleted_at: row.deleted_at,
    disabled_at: row.disabled_at,
    password_reset_at: row.password_reset_at,
  };
  return {
    user,
    session: {
      id: row.s_id,
      user_id: row.id,
      token_hash: row.s_token_hash,
      media_token_hash: row.s_media_token_hash,
      device_name: row.s_device_name,
      ip: row.s_ip,
      user_agent: row.s_user_agent,
      created_at: row.s_created_at,
      last_seen_at: row.s_last_seen_at,
    },
  };
}

/** Every request and every hello asks this: built once (store/prepared.ts). */
const byTokenHash = prepared((db: Db, tokenHash: string) =>
  sessionAndUser(db).where('sessions.token_hash', '=', tokenHash),
);

/** Every <img> and <audio> of a browser asks this. */
const byMediaTokenHash = prepared((db: Db, mediaTokenHash: string) =>
  sessionAndUser(db).where('sessions.media_token_hash', '=', mediaTokenHash),
);

export function sessionsOfUser(db: Db, userId: string): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** Deletes one of a user's sessions; false when the user has no such session. */
export async function deleteSessionOfUser(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('sessions')
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Deletes every session of the user but `keepId`; returns the ids it deleted. */
export async function deleteOtherSessions(db: Db, userId: string, keepId: string): Promise<string[]> {
  const rows = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', '!=', keepId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Whether the session is still there: revoking, signing out and expiring all delete the row. */
export async function sessionExists(db: Db, sessionId: string): Promise<boolean> {
  return (await byId(db, sessionId)).length > 0;
}

const byId = prepared((db: Db, id: string) => db.selectFrom('sessions').select('id').where('id', '=', id));

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function touchSession(db: Db, sessionId: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}
