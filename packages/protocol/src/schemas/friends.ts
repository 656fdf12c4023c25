import { z } from 'zod';
import { limits } from '../limits.ts';
import { PublicUser } from './accounts.ts';
import { Id, Timestamp } from './common.ts';

/**
 * Friends and blocks: request bodies, answers and events. Friendship is mutual and made by a
 * request the other person accepts; a block is one-sided and never announced to the blocked
 * person (their requests are answered as if sent, and silently set aside). See PROTOCOL.md.
 */

/** One line of human text: no control characters, lone surrogates or bidirectional overrides. */
const oneLine = /^[^\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]*$/u;

/** The note on a friend request ("I'm Alice from class 3"): one line, may be empty. */
export const RequestNote = z.string().max(limits.requestNoteMax).regex(oneLine, 'no control characters');

/** My private name for a friend; blank or null clears it. */
export const Remark = z.string().max(limits.remarkMax).regex(oneLine, 'no control characters');

export const FriendRequestStatus = z.enum(['pending', 'accepted', 'declined', 'cancelled']);

export const FriendRequest = z.object({
  id: Id,
  from: PublicUser,
  to: PublicUser,
  note: z.string(),
  status: FriendRequestStatus,
  createdAt: Timestamp,
  decidedAt: Timestamp.nullable(),
});
export type FriendRequest = z.infer<typeof FriendRequest>;

/** A friend as the caller sees them: the remark is the caller's alone. */
export const Friend = z.object({
  user: PublicUser,
  remark: z.string().nullable(),
  /** When the friendship began. */
  since: Timestamp,
  /** The pair's direct conversation. */
  conversationId: Id,
  online: z.boolean(),
  /** When the friend was last connected; null if never (or if either has blocked the other). */
  lastSeenAt: Timestamp.nullable(),
});
export type Friend = z.infer<typeof Friend>;

export const SendFriendRequestBody = z.strictObject({ userId: Id, note: RequestNote.optional() });
export type SendFriendRequestBody = z.infer<typeof SendFriendRequestBody>;

/**
 * `pending`: a new request was made (201). `accepted`: the other person had already asked the
 * caller, so their request was accepted instead (200) and `friend` is set.
 */
export const SendFriendRequestResult = z.object({
  status: z.enum(['pending', 'accepted']),
  request: FriendRequest,
  friend: Friend.optional(),
});
export type SendFriendRequestResult = z.infer<typeof SendFriendRequestResult>;

export const FriendRequestList = z.object({
  incoming: z.array(FriendRequest),
  outgoing: z.array(FriendRequest),
  /** Incoming requests waiting for the caller's answer (the badge number). */
  pendingCount: z.number().int(),
});
export type FriendRequestList = z.infer<typeof FriendRequestList>;

export const AcceptFriendRequestResult = z.object({ friend: Friend });
export type AcceptFriendRequestResult = z.infer<typeof AcceptFriendRequestResult>;

export const FriendList = z.object({ friends: z.array(Friend) });
export type FriendList = z.infer<typeof FriendList>;

export const UpdateFriendBody = z.strictObject({ remark: Remark.nullable() });
export type UpdateFriendBody = z.infer<typeof UpdateFriendBody>;

export const Block = z.object({ user: PublicUser, since: Timestamp });
export type Block = z.infer<typeof Block>;

export const BlockList = z.object({ blocks: z.array(Block) });
export type BlockList = z.infer<typeof BlockList>;

const RequestRef = z.object({ requestId: Id });
const UserRef = z.object({ userId: Id });

export const friendEvents = {
  /** A new request: to its recipient, and to the sender's devices (their outgoing list). */
  'friend.requested': FriendRequest,
  /** A request was accepted: to both people, each with their own view of the other. */
  'friend.accepted': z.object({ requestId: Id, friend: Friend }),
  /** To the sender, and to the recipient's devices. */
  'friend.declined': RequestRef,
  /** The sender withdrew the request: to the recipient and the sender's devices. */
  'friend.cancelled': RequestRef,
  /** The caller's own view of a friend changed (the remark): to the caller's devices. */
  'friend.updated': Friend,
  /** The friendship ended: to both people; `userId` is the other one. */
  'friend.removed': UserRef,
  /** To the blocker's devices only; the blocked person is never told. */
  'user.blocked': UserRef,
  'user.unblocked': UserRef,
} as const;
