import type {
  Block,
  CustomEmoji,
  Conversation,
  Friend,
  FriendRequest,
  GroupInvitation,
  JoinRequest,
  Me,
  Member,
  PublicUser,
  Settings,
  StickerCollection,
} from '@parley/protocol';
import type { ConnectionState } from '../connection-types.ts';

/**
 * Everything a signed-in client knows, as one immutable snapshot: a new object whenever
 * anything in it changes, and each part the same object until that part changes (so a React
 * selector, or `===`, tells what moved). Messages are not in it: they live per conversation
 * in the session's ConversationStore (`session.messages.view(id)`), which works the same way.
 */
export interface SessionState {
  /** Who is signed in: from sign-in, then from every hello and `user.updated`. */
  me: Me;
  /** Null until the server's answer is here. */
  settings: Settings | null;
  connection: ConnectionState;
  /** My conversations as a chat list shows them: pinned first (latest pinned on top), then latest activity. */
  conversations: readonly Conversation[];
  /** Members of the conversations asked for with `session.loadMembers(id)`, kept current by events. */
  members: Readonly<Record<string, readonly Member[]>>;
  /** My friends, by the name I call them (remark, else display name). */
  friends: readonly Friend[];
  /** Ids of the people I may see who are online now. */
  online: ReadonlySet<string>;
  /**
   * Per conversation asked for with `session.loadOnline(id)`: its members online now whom I
   * may see (the lobby's or a group's online list), kept current by presence, member and
   * settings events. Their profiles are in `users`.
   */
  onlineIn: Readonly<Record<string, OnlineList>>;
  /** People I blocked. */
  blocks: readonly Block[];
  /** Friend requests to me and from me, newest first (pending and recently decided). */
  incoming: readonly FriendRequest[];
  outgoing: readonly FriendRequest[];
  /** Invitations to groups sent to me. */
  invitations: readonly GroupInvitation[];
  /** Applications to join groups where I am owner or admin. */
  joinRequests: readonly JoinRequest[];
  /** Per conversation, who else is typing now (an entry lasts limits.typingIntervalMs × 1.5 after its event). */
  typing: Readonly<Record<string, readonly string[]>>;
  /** My sticker packs and collection; null until loaded (`session.loadStickers()`). */
  stickers: StickerCollection | null;
  /** The server's custom emoji (`:shortcode:`), loaded with the stickers. */
  customEmoji: readonly CustomEmoji[] | null;
  /** Everyone met so far (members, friends, requesters, peers), by id: to name a sender. */
  users: Readonly<Record<string, PublicUser>>;
  /** True once each list has its first answer from the server (cached data may show before). */
  loaded: Readonly<Record<LoadedPart, boolean>>;
  /** Set when the server ended this session (signed out elsewhere, revoked, expired): sign in again. */
  ended: EndReason | null;
}

/**
 * One conversation's online list: the first `limits.onlineListMax` user ids in `compareOnline`
 * order (display name, then id), and how many are online in all.
 */
export interface OnlineList {
  userIds: readonly string[];
  total: number;
}

/** The parts of SessionState loaded from the server, each with its own request. */
export type LoadedPart =
  | 'conversations'
  | 'friends'
  | 'online'
  | 'blocks'
  | 'requests'
  | 'invitations'
  | 'joinRequests'
  | 'settings';

/** Why a session ended without this client signing out: the server's reason, or `expired` (4002). */
export type EndReason =
  | 'logged_out'
  | 'revoked'
  | 'logged_in_elsewhere'
  | 'password_changed'
  | 'account_deleted'
  | 'account_disabled'
  | 'password_reset'
  | 'expired';
