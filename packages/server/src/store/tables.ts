import type { Insertable, Selectable } from 'kysely';

/**
 * The tables as Kysely sees them. Times are ISO-8601 UTC text in both SQLite and PostgreSQL:
 * fixed width, so they sort as text, and they read back the same from either database.
 */
export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  bio: string;
  avatar: string | null;
  role: 'admin' | 'member';
  created_at: string;
  updated_at: string;
  last_seen_at: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  /** SHA-256 of the bearer token: a stolen database does not hand out live sessions. */
  token_hash: string;
  device_name: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
}

export interface InvitesTable {
  id: string;
  code_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_by: string | null;
  used_at: string | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  invites: InvitesTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type NewSession = Insertable<SessionsTable>;
export type InviteRow = Selectable<InvitesTable>;
