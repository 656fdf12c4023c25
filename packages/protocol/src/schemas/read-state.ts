import { z } from 'zod';
import { PublicUser } from './accounts.ts';
import { Id, Timestamp } from './common.ts';

/**
 * Read state (step 3): each member's read cursor, unread and mention badges, read receipts,
 * and the per-member list settings (pinned, notifications muted). See PROTOCOL.md.
 */

/**
 * Unread counts stop at this number ("999+"): counting is an index walk per conversation,
 * and a member who never reads a busy group must not make every list request walk it all.
 */
export const unreadCountMax = 999;

/** `POST /conversations/{id}/read` (and the `read` frame): read up to `seq`. */
export const ReadBody = z.strictObject({ seq: z.number().int().min(0) });
export type ReadBody = z.infer<typeof ReadBody>;

/** Where the caller's read cursor stands in one conversation, and the badges that follow from it. */
export const ReadState = z.object({
  conversationId: Id,
  /** The highest seq read; it only moves forward, and never past the conversation's lastSeq. */
  readSeq: z.number().int(),
  /** Others' messages (not system notices) after readSeq, up to unreadCountMax. */
  unreadCount: z.number().int(),
  /** Messages after readSeq that @mention the caller. */
  mentionCount: z.number().int(),
});
export type ReadState = z.infer<typeof ReadState>;

/** What a read answers: the cursor after the move (unchanged when `seq` was behind it). */
export const ReadResult = ReadState;
export type ReadResult = z.infer<typeof ReadResult>;

/** In a direct conversation, how far the other person has read (only if both allow receipts). */
export const Receipt = z.object({ conversationId: Id, userId: Id, readSeq: z.number().int() });
export type Receipt = z.infer<typeof Receipt>;

/** `GET /conversations/{id}/messages/{seq}/readers`: members (not the sender) who have read it. */
export const Readers = z.object({ count: z.number().int(), readers: z.array(PublicUser) });
export type Readers = z.infer<typeof Readers>;

/**
 * Who sees my presence (online now, last seen) besides my friends, who always do: `everyone`
 * — the members of the lobby and of groups that show presence — or my `friends` only. The
 * rule is symmetric (PROTOCOL.md, Presence): `friends` also shows me only my friends'.
 */
export const PresenceVisibility = z.enum(['everyone', 'friends']);
export type PresenceVisibility = z.infer<typeof PresenceVisibility>;

/** `GET /me/settings`: the caller's privacy settings. */
export const Settings = z.object({
  /** Others see how far I have read, and I see how far they have; off hides both ways. */
  readReceipts: z.boolean(),
  /**
   * Push notifications (PROTOCOL.md, "Push notifications") show the message's text; off shows
   * only who it is from and "New message", for a lock screen others can see. On by default.
   */
  pushPreview: z.boolean(),
  /** Who sees my presence beyond my friends; `everyone` by default. */
  presenceVisibleTo: PresenceVisibility,
});
export type Settings = z.infer<typeof Settings>;

export const UpdateSettingsBody = z.strictObject({
  readReceipts: z.boolean().optional(),
  pushPreview: z.boolean().optional(),
  presenceVisibleTo: PresenceVisibility.optional(),
});
export type UpdateSettingsBody = z.infer<typeof UpdateSettingsBody>;

/** One member's own settings for a conversation: only that member sees them. */
export const MemberPreferences = z.object({
  conversationId: Id,
  pinned: z.boolean(),
  /** When it was pinned; pinned conversations list first, the latest pinned on top. */
  pinnedAt: Timestamp.nullable(),
  /** No sound or notification for new messages; the unread badge still counts. */
  notificationsMuted: z.boolean(),
});
export type MemberPreferences = z.infer<typeof MemberPreferences>;

export const readStateEvents = {
  /** To every socket of the reader: their cursor moved (on this device or another). */
  'read.updated': ReadState,
  /** To the other person of a direct conversation, when both have read receipts on. */
  'receipt.updated': Receipt,
  /** To every socket of the member: pinned or notifications muted changed. */
  'conversation.member_updated': MemberPreferences,
  /** To every socket of the user: their settings changed. */
  'settings.updated': Settings,
} as const;
