import { z } from 'zod';
import { Id, Timestamp } from './common.ts';
import { PublicUser } from './accounts.ts';
import { Attachment } from './media.ts';
import { Sticker } from './stickers.ts';

export const ConversationKind = z.enum(['direct', 'group', 'lobby']);
export const JoinPolicy = z.enum(['open', 'approval', 'invite']);
export const InviteMode = z.enum(['accept', 'direct']);
export const MemberRole = z.enum(['owner', 'admin', 'member']);

export const Member = z.object({
  user: PublicUser,
  role: MemberRole,
  joinedAt: Timestamp,
  /** Until when the member may not send; null when not muted. */
  mutedUntil: Timestamp.nullable(),
});
export type Member = z.infer<typeof Member>;

export const MemberList = z.object({ members: z.array(Member) });
export type MemberList = z.infer<typeof MemberList>;

/**
 * `GET /conversations/{id}/online`: the members online now whom the caller may see (never the
 * caller), ordered by `compareOnline`, at most `limits.onlineListMax` of them; `total` counts
 * them all.
 */
export const OnlineMembers = z.object({ users: z.array(PublicUser), total: z.number().int() });
export type OnlineMembers = z.infer<typeof OnlineMembers>;

/**
 * The facts of a system notice; clients render them in the reader's language
 * ("Carol joined", "Dave was removed by Alice").
 */
export const SystemNotice = z.object({
  type: z.enum([
    'group.created',
    'group.renamed',
    'group.updated',
    'member.joined',
    'member.added',
    'member.left',
    'member.removed',
    'member.promoted',
    'member.demoted',
    'member.muted',
    'member.unmuted',
    'owner.changed',
    'group.dissolved',
    'friends.connected',
  ]),
  /** Who did it; null when nobody did (none of today's notices, but clients must allow it). */
  actorId: Id.nullable(),
  /** Whom it was done to. */
  userIds: z.array(Id),
  /** Extra facts: the new name, the mute's end. */
  detail: z.record(z.string(), z.string()).optional(),
});
export type SystemNotice = z.infer<typeof SystemNotice>;

/** What a reply shows of the message it answers (empty text once that one is recalled). */
export const ReplyPreview = z.object({
  id: Id,
  seq: z.number().int(),
  senderId: Id.nullable(),
  text: z.string(),
  recalled: z.boolean(),
});

export const ReactionSummary = z.object({
  emoji: z.string(),
  count: z.number().int(),
  userIds: z.array(Id),
});

export const Message = z.object({
  id: Id,
  conversationId: Id,
  seq: z.number().int(),
  senderId: Id.nullable(),
  kind: z.enum(['text', 'system', 'image', 'file', 'voice', 'sticker']),
  /** Empty for system notices and for recalled messages; a caption (or empty) for media. */
  text: z.string(),
  /** Image, file and voice messages: the upload shown; null for others and once recalled. */
  attachment: Attachment.nullable(),
  /** Sticker messages: the sticker shown; null for others and once recalled. */
  sticker: Sticker.nullable(),
  notice: SystemNotice.nullable(),
  /** The sender's id for this send; lets the sender match it to the message it shows as sending. */
  clientMsgId: z.string().nullable(),
  replyTo: ReplyPreview.nullable(),
  /** Members @mentioned in the text. */
  mentions: z.array(Id),
  reactions: z.array(ReactionSummary),
  createdAt: Timestamp,
  editedAt: Timestamp.nullable(),
  /** A recalled message is a tombstone: its text is gone from the server. */
  recalledAt: Timestamp.nullable(),
  recalledBy: Id.nullable(),
  /**
   * Present (true) when a server admin removed the message from the admin console (issue 16),
   * so clients can say so rather than "X recalled a message": `recalledBy` is then the admin,
   * who need not be a member of the conversation.
   */
  recalledByServerAdmin: z.literal(true).optional(),
  /** Set on a forwarded copy: the message it was forwarded from, and who wrote that one. */
  forwardedFrom: z.object({ messageId: Id, senderId: Id.nullable() }).nullable(),
  /**
   * The conversation's `lastRev` at this message's latest change (edit, recall, reaction);
   * 0 while it has never changed. Of two copies of one message, the higher rev is the newer.
   */
  rev: z.number().int(),
});
export type Message = z.infer<typeof Message>;

export const MessagePage = z.object({
  messages: z.array(Message),
  hasMore: z.boolean(),
  /**
   * The conversation's lastRev read before the page: a client that held nothing of the
   * conversation before asking may take it as its rev cursor (every change up to it is in
   * the page's messages; later ones come as events or from `changes`).
   */
  lastRev: z.number().int(),
});
export type MessagePage = z.infer<typeof MessagePage>;

/** Characters of the pinned message an announcement shows (`Announcement.text`), in UTF-16 units. */
export const announcementExcerptMax = 200;

/**
 * A group's announcement: one of its messages pinned by an owner or admin. `text` is the
 * start of the message's text (announcementExcerptMax), kept up to date when the message is
 * edited; recalling the message takes the announcement down.
 */
export const Announcement = z.object({
  messageId: Id,
  senderId: Id.nullable(),
  text: z.string(),
  pinnedBy: Id,
  pinnedAt: Timestamp,
});
export type Announcement = z.infer<typeof Announcement>;

/**
 * A conversation as the caller sees it: what every member sees alike (the fields of
 * `conversation.updated`), then the caller's own state in it. Direct conversations have no
 * name: show the other person.
 */
export const Conversation = z.object({
  id: Id,
  kind: ConversationKind,
  name: z.string(),
  description: z.string(),
  /** Groups: path of the 256 px avatar (`/avatars/<sha-256>`); null when none (direct: show the other person's). */
  avatar: z.string().nullable(),
  avatarSmall: z.string().nullable(),
  joinPolicy: JoinPolicy,
  inviteMode: InviteMode,
  showPresence: z.boolean(),
  ownerId: Id.nullable(),
  memberCount: z.number().int(),
  lastSeq: z.number().int(),
  /**
   * Bumped by every change to a message already stored (edit, recall, reaction added or
   * taken): the cursor `sync` and `GET /conversations/{id}/changes` compare against.
   */
  lastRev: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Groups: the message an owner or admin pinned for every member to see; null when none, and in direct conversations and the lobby. */
  announcement: Announcement.nullable(),
  /** For direct conversations: the other person. */
  peer: PublicUser.nullable(),
  /** The caller's own membership. */
  myRole: MemberRole,
  myMutedUntil: Timestamp.nullable(),
  /** The caller's read cursor: the highest seq they have read. */
  readSeq: z.number().int(),
  /** Others' messages (not system notices) after readSeq, counted up to unreadCountMax (999). */
  unreadCount: z.number().int(),
  /** Messages after readSeq that @mention the caller. */
  mentionCount: z.number().int(),
  /** The newest message, for the list's preview; null when there is none. */
  lastMessage: Message.nullable(),
  /** Pinned to the top of the caller's list (since pinnedAt). */
  pinned: z.boolean(),
  pinnedAt: Timestamp.nullable(),
  /** No sound or notification for new messages; the unread badge still counts. */
  notificationsMuted: z.boolean(),
  /**
   * Direct conversations: how far the other person has read. Null in groups, and when either
   * of the two has read receipts off.
   */
  peerReadSeq: z.number().int().nullable(),
});
export type Conversation = z.infer<typeof Conversation>;

/** The caller's conversations: pinned first (latest pinned on top), then latest activity first. */
export const ConversationList = z.object({
  conversations: z.array(Conversation),
  /** The sum of every conversation's unreadCount (muted ones included). */
  totalUnread: z.number().int(),
});
export type ConversationList = z.infer<typeof ConversationList>;

/** Fields of a Conversation that are the caller's own: not in `conversation.updated`. */
const ownFields = {
  peer: true,
  myRole: true,
  myMutedUntil: true,
  readSeq: true,
  unreadCount: true,
  mentionCount: true,
  lastMessage: true,
  pinned: true,
  pinnedAt: true,
  notificationsMuted: true,
  peerReadSeq: true,
} as const;

/** What every member sees alike: what `conversation.updated` carries. */
export const SharedConversation = Conversation.omit(ownFields);
export type SharedConversation = z.infer<typeof SharedConversation>;

export const MemberRemoved = z.object({
  conversationId: Id,
  userId: Id,
  reason: z.enum(['left', 'removed', 'dissolved']),
});

export const conversationEvents = {
  /** A conversation the receiver is now in (made, joined, added to), or one whose details changed. */
  'conversation.updated': SharedConversation,
  'message.created': Message,
  'member.added': z.object({ conversationId: Id, member: Member }),
  'member.updated': z.object({ conversationId: Id, member: Member }),
  'member.removed': MemberRemoved,
} as const;
