import { z } from 'zod';
import { limits } from '../limits.ts';
import { Id, Timestamp } from './common.ts';
import { Me, PublicUser } from './accounts.ts';
import { Conversation, conversationEvents } from './conversations.ts';
import { type ReadResult, readStateEvents } from './read-state.ts';
import { messageOperationEvents } from './message-operations.ts';
import { type MessageAck, SendMessageBody } from './messages.ts';
import { friendEvents } from './friends.ts';
import { groupEvents } from './groups.ts';

/**
 * WebSocket frames (JSON text). A client request carries an `id` the server echoes as `re`
 * in exactly one reply; server pushes are `{ event, data }`. See PROTOCOL.md.
 */
const RequestId = z.string().min(1).max(limits.frameIdMax);

export const HelloFrame = z.strictObject({
  id: RequestId,
  type: z.literal('hello'),
  token: z.string().min(1).max(limits.tokenMax),
});
export const PingFrame = z.strictObject({ id: RequestId, type: z.literal('ping') });

export const SendMessageFrame = SendMessageBody.extend({
  id: RequestId,
  type: z.literal('message.send'),
  conversationId: Id,
});

/**
 * Where a client stands in one conversation: the seq it holds with no gap, alone (as before
 * revisions), or with the rev up to which it holds every change to those messages.
 */
export const SyncCursor = z.union([
  z.number().int().min(0),
  z.strictObject({ seq: z.number().int().min(0), rev: z.number().int().min(0) }),
]);
export type SyncCursor = z.infer<typeof SyncCursor>;

/**
 * Sent after every (re)connect: per conversation, the seq up to which the client holds it with
 * no gap, and optionally the rev up to which it holds every edit, recall and reaction. The
 * answer lists the conversations that moved past their cursor (lastSeq past seq, or lastRev
 * past rev) or that the client does not know, and those it is no longer in; the client then
 * pages history `after` its seq and `changes` since its rev.
 */
export const SyncFrame = z.strictObject({
  id: RequestId,
  type: z.literal('sync'),
  cursors: z.record(Id, SyncCursor).refine((c) => Object.keys(c).length <= 5000, 'too many cursors'),
});

export const SyncResult = z.object({
  conversations: z.array(Conversation),
  removed: z.array(Id),
});
export type SyncResult = z.infer<typeof SyncResult>;

/** Ephemeral: "alice is typing" to the other members; never stored. */
export const TypingFrame = z.strictObject({ id: RequestId, type: z.literal('typing'), conversationId: Id });

/** Marks a conversation read up to a seq (also POST /conversations/:id/read). */
export const ReadFrame = z.strictObject({
  id: RequestId,
  type: z.literal('read'),
  conversationId: Id,
  seq: z.number().int().min(0),
});

export const ClientFrame = z.discriminatedUnion('type', [
  HelloFrame,
  PingFrame,
  SendMessageFrame,
  SyncFrame,
  TypingFrame,
  ReadFrame,
]);
export type ClientFrame = z.infer<typeof ClientFrame>;
export type ClientFrameType = ClientFrame['type'];

export const HelloResult = z.object({
  user: Me,
  sessionId: Id,
  /** Ids of users the caller may see who are online now. */
  online: z.array(Id),
  /** How often the client should send `ping` (the server also pings at the WebSocket level). */
  heartbeatMs: z.number(),
  serverTime: Timestamp,
});
export type HelloResult = z.infer<typeof HelloResult>;

export const PingResult = z.object({ serverTime: Timestamp });
export type PingResult = z.infer<typeof PingResult>;

/** What each request type answers with when it succeeds. */
export interface FrameResults {
  hello: HelloResult;
  ping: PingResult;
  'message.send': MessageAck;
  sync: SyncResult;
  typing: Record<string, never>;
  read: ReadResult;
}

export const PresenceChanged = z.object({
  userId: Id,
  online: z.boolean(),
  /** When the user was last connected; null for a user never seen online. */
  lastSeenAt: Timestamp.nullable(),
});
export const SessionRevoked = z.object({
  sessionId: Id,
  reason: z.enum([
    'logged_out',
    'revoked',
    'logged_in_elsewhere',
    'password_changed',
    'account_deleted',
    'account_disabled',
    'password_reset',
  ]),
});

/** Every server push, by event name. */
export const serverEvents = {
  'presence.changed': PresenceChanged,
  'session.revoked': SessionRevoked,
  'user.updated': PublicUser,
  ...conversationEvents,
  ...friendEvents,
  ...groupEvents,
  ...messageOperationEvents,
  ...readStateEvents,
} as const;

export type ServerEvents = { [K in keyof typeof serverEvents]: z.infer<(typeof serverEvents)[K]> };
export type ServerEventName = keyof ServerEvents;
export type ServerEvent = { [K in ServerEventName]: { event: K; data: ServerEvents[K] } }[ServerEventName];

export interface ReplyOk<T = unknown> {
  re: string;
  ok: T;
}
export interface ReplyError {
  re: string | null;
  error: { code: string; message: string; field?: string; retryAfter?: number };
}
export type ServerFrame = ReplyOk | ReplyError | ServerEvent;
