/**
 * The name of every server push, with no schema attached: what a client needs to tell an event
 * frame from anything else without pulling the zod schemas into a browser bundle. A test checks
 * it against `serverEvents` (schemas/gateway.ts), which stays the source of truth.
 */
export const serverEventNames: ReadonlySet<string> = new Set([
  'presence.changed',
  'session.revoked',
  'user.updated',
  'conversation.updated',
  'message.created',
  'member.added',
  'member.updated',
  'member.removed',
  'friend.requested',
  'friend.accepted',
  'friend.declined',
  'friend.cancelled',
  'friend.updated',
  'friend.removed',
  'user.blocked',
  'user.unblocked',
  'group.invited',
  'group.invitation.answered',
  'group.invitation.cancelled',
  'group.join.requested',
  'group.join.decided',
  'message.updated',
  'reaction.changed',
  'message.hidden',
  'typing',
  'read.updated',
  'receipt.updated',
  'conversation.member_updated',
  'settings.updated',
]);
