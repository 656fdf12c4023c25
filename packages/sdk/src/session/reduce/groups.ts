import type { GroupInvitation, JoinRequest, ServerEvents } from '@parley/protocol';
import { newestFirst, upsert } from '../order.ts';
import type { SessionState } from '../session-state.ts';
import { meet } from './users.ts';

export function invited(state: SessionState, { invitation }: ServerEvents['group.invited']): SessionState {
  const next = meet(state, [invitation.inviter]);
  if (invitation.status !== 'pending') return next;
  const key = (i: GroupInvitation) => i.id;
  return { ...next, invitations: upsert(next.invitations, invitation, key, newestFirst) };
}

/** Accepted or declined (on any of my devices): the list holds pending invitations only. */
export function invitationAnswered(
  state: SessionState,
  { invitationId }: Pick<ServerEvents['group.invitation.answered'], 'invitationId'>,
): SessionState {
  if (!state.invitations.some((i) => i.id === invitationId)) return state;
  return { ...state, invitations: state.invitations.filter((i) => i.id !== invitationId) };
}

/** Applications are listed, oldest first, for the groups I own or help run, while pending. */
const oldestFirst = (list: JoinRequest[]) => newestFirst(list).reverse();

export function joinRequested(
  state: SessionState,
  { request }: ServerEvents['group.join.requested'],
): SessionState {
  if (!manages(state, request.group.id)) return state;
  const next = meet(state, [request.applicant]);
  return { ...next, joinRequests: upsert(next.joinRequests, request, (r) => r.id, oldestFirst) };
}

export function joinDecided(
  state: SessionState,
  { request }: ServerEvents['group.join.decided'],
): SessionState {
  if (!state.joinRequests.some((r) => r.id === request.id)) return state;
  return { ...state, joinRequests: state.joinRequests.filter((r) => r.id !== request.id) };
}

/** True when I am owner or admin of the group (so its applications are mine to decide). */
export function manages(state: SessionState, groupId: string): boolean {
  const c = state.conversations.find((x) => x.id === groupId);
  return c !== undefined && c.kind === 'group' && c.myRole !== 'member';
}

/**
 * Someone got into a group (joined, accepted, approved, added): an invitation they still had
 * to it and an application they had filed are cancelled without an event (PROTOCOL.md,
 * "Getting in another way"), so they drop out of my lists here.
 */
export function gotIn(state: SessionState, groupId: string, userId: string): SessionState {
  const invitations =
    userId === state.me.id ? state.invitations.filter((i) => i.group.id !== groupId) : state.invitations;
  const joinRequests = state.joinRequests.filter((r) => r.group.id !== groupId || r.applicant.id !== userId);
  if (invitations.length === state.invitations.length && joinRequests.length === state.joinRequests.length)
    return state;
  return { ...state, invitations, joinRequests };
}
