import type { Me, PublicUser, SessionInfo } from '@parley/protocol';
import type { SessionRow, UserRow } from '../store/tables.ts';
import { avatarPath } from './attachments.ts';

export function presentUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    bio: row.bio,
    avatar: avatarPath(row.avatar),
    avatarSmall: avatarPath(row.avatar_small),
    role: row.role,
    createdAt: row.created_at,
  };
}

export function presentMe(row: UserRow): Me {
  return { ...presentUser(row), updatedAt: row.updated_at };
}

export function presentSession(row: SessionRow, currentSessionId: string | null): SessionInfo {
  return {
    id: row.id,
    deviceName: row.device_name,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    ip: row.ip,
    userAgent: row.user_agent,
    current: row.id === currentSessionId,
  };
}
