import { type Kysely, sql } from 'kysely';

/**
 * Issue 16: the media cookie carries a media-only credential (auth/tokens.ts `mediaTokenOf`)
 * instead of the session's bearer token. Its SHA-256 is kept on the session, so it dies with
 * the row (sign-out, revocation, expiry). Sessions opened before this have none until their
 * client next asks for the cookie, which sets it; unique, so a lookup is one index probe
 * (both dialects let a unique index hold many NULLs).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sessions add column media_token_hash text`.execute(db);
  await sql`create unique index sessions_media_token_hash on sessions (media_token_hash)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index sessions_media_token_hash`.execute(db);
  await sql`alter table sessions drop column media_token_hash`.execute(db);
}
