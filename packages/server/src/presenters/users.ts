import type { Me, PublicUser, SessionInfo } from '@parley/protocol';
import type { SessionRow, UserRow } from '../store/tables.ts';
import { avatarPath } from './attachments.ts';

/** What a deleted account shows instead of a name; clients show their own word (PublicUser.deleted). */
export const deletedUserName = 'Deleted user';

export function presentUser(row: UserRow): PublicUser {
  if (row.deleted_at !== null) {
    return {
      id: row.id,
      username: '',
      displayName: deletedUserName,
      bio: '',
      avatar: null,
      avatarSmall: null,
      role: 'member',
      createdAt: row.created_at,
      deleted: true,
    };
  }
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
  return {
    ...presentUser(row),
    updatedAt: row.updated_at,
    ...(row.password_reset_at !== null && { mustChangePassword: true as const }),
  };
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
