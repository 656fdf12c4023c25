import type { Generated, Insertable, Selectable } from 'kysely';

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
  /** SHA-256 of the 256 px avatar (a blob); avatar_small the 64 px one. */
  avatar: string | null;
  avatar_small: string | null;
  role: 'admin' | 'member';
  created_at: string;
  updated_at: string;
  last_seen_at: string | null;
  /** 1: others see when this user has read their messages (and this user sees theirs). */
  read_receipts: number;
  /** 1: push notifications show the message's text (Settings.pushPreview). */
  push_preview: number;
  /** Who sees this user's presence besides friends: 'everyone' or 'friends' (Settings.presenceVisibleTo). */
  presence_visible_to: 'everyone' | 'friends';
  /** Set when the account was deleted (its row stays, emptied, for others' history); else null. */
  deleted_at: string | null;
  /** Set while an admin has the account disabled (no sign-in, no sessions); else null. */
  disabled_at: string | null;
  /** Set when an admin reset the password, until the user sets a new one; else null. */
  password_reset_at: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  /** SHA-256 of the bearer token: a stolen database does not hand out live sessions. */
  token_hash: string;
  /** SHA-256 of the media cookie's credential (auth/tokens.ts mediaTokenOf); null until first set. */
  media_token_hash: string | null;
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
  conversations: ConversationsTable;
  members: MembersTable;
  messages: MessagesTable;
  friendships: FriendshipsTable;
  friend_requests: FriendRequestsTable;
  blocks: BlocksTable;
  group_invitations: GroupInvitationsTable;
  join_requests: JoinRequestsTable;
  mentions: MentionsTable;
  reactions: ReactionsTable;
  blobs: BlobsTable;
  uploads: UploadsTable;
  message_uploads: MessageUploadsTable;
  sticker_packs: StickerPacksTable;
  stickers: StickersTable;
  user_stickers: UserStickersTable;
  message_stickers: MessageStickersTable;
  custom_emoji: CustomEmojiTable;
  push_subscriptions: PushSubscriptionsTable;
  push_vapid_keys: PushVapidKeysTable;
  hidden_messages: HiddenMessagesTable;
  search_progress: SearchProgressTable;
  search_pending: SearchPendingTable;
  messages_grams: MessagesGramsTable;
  audit_log: AuditLogTable;
  reports: ReportsTable;
  server_settings: ServerSettingsTable;
}

/** Every admin action (store/audit-log.ts); `detail` is a JSON object of its particulars. */
export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  target_label: string;
  detail: string;
}

/** A message a user reported to the admins. */
export interface ReportsTable {
  id: string;
  message_id: string;
  conversation_id: string;
  reporter_id: string;
  reason: 'spam' | 'abuse' | 'illegal' | 'other';
  note: string;
  status: 'open' | 'dismissed' | 'removed';
  created_at: string;
  handled_by: string | null;
  handled_at: string | null;
}

/** Run-time settings an admin changed (key: a ServerSettings field; value: JSON). */
export interface ServerSettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

/** SQLite only: the contentless FTS5 table of each message's grams (store/grams.ts), by rowid. */
export interface MessagesGramsTable {
  rowid: number;
  grams: string;
}

/** SQLite only: the highest messages.rowid the search indexer has done (store/search-indexer.ts). */
export interface SearchProgressTable {
  id: number;
  upto: number;
}

/** SQLite only: indexed messages whose text changed or that went away, to index again. */
export interface SearchPendingTable {
  message_rowid: number;
}

/** Messages a user deleted for themselves only (PROTOCOL.md, Delete for me). */
export interface HiddenMessagesTable {
  user_id: string;
  message_id: string;
  conversation_id: string;
  hidden_at: string;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type NewSession = Insertable<SessionsTable>;
export type InviteRow = Selectable<InvitesTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type ReportRow = Selectable<ReportsTable>;

export type ConversationKind = 'direct' | 'group' | 'lobby';
export type JoinPolicy = 'open' | 'approval' | 'invite';
export type MemberRole = 'owner' | 'admin' | 'member';
export type RequestStatus = 'pending' | 'accepted' | 'declined' | 'cancelled';

export interface ConversationsTable {
  id: string;
  kind: ConversationKind;
  name: string;
  description: string;
  /** SHA-256 of the 256 px avatar (a blob); avatar_small the 64 px one. */
  avatar: string | null;
  avatar_small: string | null;
  join_policy: JoinPolicy;
  /** 'accept': an invitee must accept; 'direct': members' invitations add friends at once. */
  invite_mode: 'accept' | 'direct';
  /** 1 when members see each other's presence (groups that show it, and the lobby). */
  show_presence: number;
  /** For direct conversations: the two user ids, sorted, joined by ':' — one conversation per pair. */
  direct_key: string | null;
  owner_id: string | null;
  member_count: number;
  /** The seq of the conversation's newest message; bumped in the same transaction as the insert. */
  last_seq: number;
  /**
   * Bumped by every change to a stored message (edit, recall, reaction), in the change's
   * transaction, which stamps the message's `rev` with the new value (store/message-updates.ts).
   */
  last_rev: Generated<number>;
  /** Bumped by every change to who may write or hears (members, roles, mutes, blocks); see access/member-cache.ts. */
  access_rev: Generated<number>;
  created_at: string;
  updated_at: string;
  dissolved_at: string | null;
  /** Groups: the pinned message (PROTOCOL.md, Announcements), its sender and text excerpt, who pinned it and when; all null when none. */
  announcement_message_id: string | null;
  announcement_sender_id: string | null;
  announcement_text: string | null;
  announcement_pinned_by: string | null;
  announcement_pinned_at: string | null;
}

export interface MembersTable {
  conversation_id: string;
  user_id: string;
  role: MemberRole;
  joined_at: string;
  muted_until: string | null;
  /** The highest seq this member has read; unread = conversation.last_seq - last_read_seq. */
  last_read_seq: number;
  /** When the member pinned the conversation to the top of their list; null if not pinned. */
  pinned_at: string | null;
  /** 1: no sound or notification for new messages (the unread badge still counts). */
  notifications_muted: number;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  sender_id: string | null;
  kind: MessageKind;
  body: string;
  /** JSON: a system notice's facts ({ type, actorId, userIds }), rendered by clients in their language. */
  data: string | null;
  client_msg_id: string | null;
  created_at: string;
  reply_to_id: string | null;
  edited_at: string | null;
  /** Set when recalled; the body and data are emptied at the same moment (content is gone). */
  recalled_at: string | null;
  recalled_by: string | null;
  /** conversations.last_rev at this message's latest change; 0 while it has never changed. */
  rev: Generated<number>;
}

export interface MentionsTable {
  user_id: string;
  conversation_id: string;
  seq: number;
}

export interface ReactionsTable {
  message_id: string;
  user_id: string;
  emoji: string;
  created_at: string;
}

export interface FriendshipsTable {
  user_id: string;
  friend_id: string;
  /** user_id's private name for friend_id. */
  remark: string | null;
  created_at: string;
}

export interface FriendRequestsTable {
  id: string;
  from_id: string;
  to_id: string;
  note: string;
  /** 'ignored': sent to someone who had blocked the sender; pending to the sender, invisible to them. */
  status: RequestStatus | 'ignored';
  created_at: string;
  decided_at: string | null;
}

export interface BlocksTable {
  user_id: string;
  blocked_id: string;
  created_at: string;
}

export interface GroupInvitationsTable {
  id: string;
  conversation_id: string;
  inviter_id: string;
  invitee_id: string;
  status: RequestStatus;
  created_at: string;
  decided_at: string | null;
}

export interface JoinRequestsTable {
  id: string;
  conversation_id: string;
  user_id: string;
  note: string;
  status: RequestStatus;
  decided_by: string | null;
  created_at: string;
  decided_at: string | null;
}

export type MessageKind = 'text' | 'system' | 'sticker' | UploadKind;
export type UploadKind = 'image' | 'file' | 'voice';

export interface BlobsTable {
  sha256: string;
  size: number;
  created_at: string;
}

export interface UploadsTable {
  id: string;
  owner_id: string;
  kind: UploadKind;
  /** 'uploading': bytes still coming (counted against the quota at their declared size). */
  status: 'uploading' | 'ready';
  /** The file name the uploader gave, cleaned (media/file-names.ts). */
  name: string;
  size: number;
  /** Detected from the bytes once the upload is complete; '' before. */
  mime: string;
  blob_sha: string | null;
  thumb_sha: string | null;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  animated: number;
  /** 1 once a message has shown it. */
  sent: number;
  created_at: string;
}

export interface MessageUploadsTable {
  message_id: string;
  upload_id: string;
  conversation_id: string;
}

export interface StickerPacksTable {
  id: string;
  name: string;
  /** 1 for the pack Parley ships (actions/stickers/ensure-default-stickers.ts). */
  builtin: number;
  created_by: string | null;
  created_at: string;
}

export interface StickersTable {
  id: string;
  /** The server pack it is in (public); null for a personal sticker. */
  pack_id: string | null;
  /** Who made a personal sticker; null for pack stickers (and once its maker is gone). */
  owner_id: string | null;
  /** The WebP (media/stickers.ts). */
  blob_sha: string;
  mime: string;
  width: number;
  height: number;
  animated: number;
  /** A keyword for search, usually one emoji; '' when none. */
  emoji: string;
  created_at: string;
}

export interface UserStickersTable {
  user_id: string;
  sticker_id: string;
  added_at: string;
}

export interface MessageStickersTable {
  message_id: string;
  sticker_id: string;
  conversation_id: string;
}

export interface CustomEmojiTable {
  shortcode: string;
  blob_sha: string;
  mime: string;
  width: number;
  height: number;
  animated: number;
  created_by: string | null;
  created_at: string;
}

/** Where one session's device wants its pushes (migrations/20261206T0140_push.ts). */
export interface PushSubscriptionsTable {
  session_id: string;
  user_id: string;
  endpoint: string;
  /** The device's P-256 public key and auth secret, base64url, as the browser gave them. */
  p256dh: string;
  auth: string;
  created_at: string;
}

/** The VAPID key pair on PostgreSQL: one row, id 1 (push/vapid-keys.ts). */
export interface PushVapidKeysTable {
  id: number;
  public_key: string;
  private_key: string;
  created_at: string;
}

export type StickerPackRow = Selectable<StickerPacksTable>;
export type StickerRow = Selectable<StickersTable>;
export type CustomEmojiRow = Selectable<CustomEmojiTable>;
export type UploadRow = Selectable<UploadsTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MemberRow = Selectable<MembersTable>;
export type MessageRow = Selectable<MessagesTable>;
export type FriendshipRow = Selectable<FriendshipsTable>;
export type FriendRequestRow = Selectable<FriendRequestsTable>;
export type BlockRow = Selectable<BlocksTable>;
export type GroupInvitationRow = Selectable<GroupInvitationsTable>;
export type JoinRequestRow = Selectable<JoinRequestsTable>;
