import { type StoredAttachment, avatarPath, presentAttachment } from './attachments.ts';
import { type StoredSticker, presentSticker } from './stickers.ts';
import type {
  Conversation,
  Member,
  Message,
  PublicUser,
  SharedConversation,
  SystemNotice,
} from '@parley/protocol';
import { excerpt, replyExcerptMax } from '@parley/protocol';
import type { z } from 'zod';
import type { ReactionSummary as ReactionSummarySchema } from '@parley/protocol';
import type { ConversationRow, MemberRow, MessageRow, UserRow } from '../store/tables.ts';
import { presentUser } from './users.ts';

type ReactionSummary = z.infer<typeof ReactionSummarySchema>;

/** The part of a conversation every member sees alike (what `conversation.updated` carries). */
export function presentSharedConversation(row: ConversationRow): SharedConversation {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    description: row.description,
    avatar: avatarPath(row.avatar),
    avatarSmall: avatarPath(row.avatar_small),
    joinPolicy: row.join_policy,
    inviteMode: row.invite_mode,
    showPresence: row.show_presence === 1,
    ownerId: row.owner_id,
    memberCount: row.member_count,
    lastSeq: row.last_seq,
    lastRev: row.last_rev,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    announcement:
      row.announcement_message_id !== null
        ? {
            messageId: row.announcement_message_id,
            senderId: row.announcement_sender_id,
            text: row.announcement_text ?? '',
            pinnedBy: row.announcement_pinned_by!,
            pinnedAt: row.announcement_pinned_at!,
          }
        : null,
  };
}

/** The caller's membership; the read cursor and list settings when the caller has the whole row. */
type Mine = Pick<MemberRow, 'role' | 'muted_until'> &
  Partial<Pick<MemberRow, 'last_read_seq' | 'pinned_at' | 'notifications_muted'>>;

/** What only queries beyond the rows tell: badges, the preview, the peer's receipt. */
export interface ConversationView {
  unreadCount: number;
  mentionCount: number;
  lastMessage: Message | null;
  peerReadSeq: number | null;
}

/**
 * A conversation as the caller sees it. The list, `GET /conversations/{id}`, sync and the pin
 * and mute answers pass the full `view` (actions/read/present-views.ts). Without it — the
 * answers of group actions, which have only the rows at hand — badges are 0 and there is no
 * preview: exact for a group just made or joined (system notices are not unread), not for one
 * the caller has long been in; those actions are to answer through showConversation instead.
 */
export function presentConversation(
  row: ConversationRow,
  mine: Mine,
  peer: PublicUser | null = null,
  view: ConversationView = { unreadCount: 0, mentionCount: 0, lastMessage: null, peerReadSeq: null },
): Conversation {
  return {
    ...presentSharedConversation(row),
    peer,
    myRole: mine.role,
    myMutedUntil: mine.muted_until,
    readSeq: mine.last_read_seq ?? row.last_seq,
    unreadCount: view.unreadCount,
    mentionCount: view.mentionCount,
    lastMessage: view.lastMessage,
    pinned: (mine.pinned_at ?? null) !== null,
    pinnedAt: mine.pinned_at ?? null,
    notificationsMuted: mine.notifications_muted === 1,
    peerReadSeq: view.peerReadSeq,
  };
}

export function presentMember(member: MemberRow, user: UserRow): Member {
  return {
    user: presentUser(user),
    role: member.role,
    joinedAt: member.joined_at,
    mutedUntil: member.muted_until,
  };
}

/** What a text or media message's `data` column may hold. */
interface TextData {
  mentions?: string[];
  forwardedFrom?: { messageId: string; senderId: string | null };
  attachment?: StoredAttachment;
  sticker?: StoredSticker;
  /** A tombstone's only fact: a server admin removed it (store/message-updates.ts markRecalled). */
  recalledByServerAdmin?: boolean;
}

/** What a message carries beyond its own row; loaded in bulk by store/message-extras.ts. */
export interface MessageExtras {
  replyTo?: MessageRow | undefined;
  reactions?: ReactionSummary[] | undefined;
}

export function presentMessage(row: MessageRow, extras: MessageExtras = {}): Message {
  const system = row.kind === 'system';
  const data = row.data ? (JSON.parse(row.data) as unknown) : null;
  const reply = extras.replyTo;
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    senderId: row.sender_id,
    kind: row.kind,
    text: row.body,
    notice: system && data ? (data as SystemNotice) : null,
    clientMsgId: row.client_msg_id,
    replyTo: reply
      ? {
          id: reply.id,
          seq: reply.seq,
          senderId: reply.sender_id,
          text: excerpt(reply.body, replyExcerptMax),
          recalled: reply.recalled_at !== null,
        }
      : null,
    attachment:
      !system && data && (data as TextData).attachment
        ? presentAttachment((data as TextData).attachment!)
        : null,
    sticker:
      !system && data && (data as TextData).sticker ? presentSticker((data as TextData).sticker!) : null,
    mentions: !system && data ? ((data as TextData).mentions ?? []) : [],
    forwardedFrom: !system && data ? ((data as TextData).forwardedFrom ?? null) : null,
    reactions: extras.reactions ?? [],
    createdAt: row.created_at,
    editedAt: row.edited_at,
    recalledAt: row.recalled_at,
    recalledBy: row.recalled_by,
    ...(row.recalled_at !== null &&
      (data as TextData | null)?.recalledByServerAdmin === true && { recalledByServerAdmin: true as const }),
    rev: row.rev,
  };
}
