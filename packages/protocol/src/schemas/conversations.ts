import { z } from 'zod';
import { Id, Timestamp } from './common.ts';
import { PublicUser } from './accounts.ts';

export const ConversationKind = z.enum(['direct', 'group', 'lobby']);
export const JoinPolicy = z.enum(['open', 'approval', 'invite']);
export const InviteMode = z.enum(['accept', 'direct']);
export const MemberRole = z.enum(['owner', 'admin', 'member']);

/** A conversation as its members see it. Direct conversations have no name: show the other person. */
export const Conversation = z.object({
  id: Id,
  kind: ConversationKind,
  name: z.string(),
  description: z.string(),
  avatar: z.string().nullable(),
  joinPolicy: JoinPolicy,
  inviteMode: InviteMode,
  showPresence: z.boolean(),
  ownerId: Id.nullable(),
  memberCount: z.number().int(),
  lastSeq: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** For direct conversations: the other person. */
  peer: PublicUser.nullable(),
  /** The caller's own membership. */
  myRole: MemberRole,
  myMutedUntil: Timestamp.nullable(),
});
export type Conversation = z.infer<typeof Conversation>;

export const ConversationList = z.object({ conversations: z.array(Conversation) });
export type ConversationList = z.infer<typeof ConversationList>;

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
  kind: z.enum(['text', 'system']),
  /** Empty for system notices and for recalled messages. */
  text: z.string(),
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
});
export type Message = z.infer<typeof Message>;

export const MessagePage = z.object({ messages: z.array(Message), hasMore: z.boolean() });
export type MessagePage = z.infer<typeof MessagePage>;

export const MemberRemoved = z.object({
  conversationId: Id,
  userId: Id,
  reason: z.enum(['left', 'removed', 'dissolved']),
});

export const conversationEvents = {
  /** A conversation the receiver is now in (made, joined, added to), or one whose details changed. */
  'conversation.updated': Conversation.omit({ myRole: true, myMutedUntil: true, peer: true }),
  'message.created': Message,
  'member.added': z.object({ conversationId: Id, member: Member }),
  'member.updated': z.object({ conversationId: Id, member: Member }),
  'member.removed': MemberRemoved,
} as const;
