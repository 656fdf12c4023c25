import type { Member, ServerEvents } from '@parley/protocol';
import type { SessionState } from '../session-state.ts';
import { patchConversation, removeConversation } from './conversations.ts';
import type { Effects } from './effects.ts';
import { gotIn } from './groups.ts';
import { memberLeftList } from './online-in.ts';
import { meet } from './users.ts';

/** Members in the order the server lists them: owner, admins, members, each by when they joined. */
const rank = { owner: 0, admin: 1, member: 2 } as const;
export function sortMembers(list: readonly Member[]): Member[] {
  return [...list].sort(
    (a, b) =>
      rank[a.role] - rank[b.role] ||
      a.joinedAt.localeCompare(b.joinedAt) ||
      a.user.id.localeCompare(b.user.id),
  );
}

function withMembers(state: SessionState, conversationId: string, members: Member[]): SessionState {
  return { ...state, members: { ...state.members, [conversationId]: sortMembers(members) } };
}

/**
 * Someone joined. Me: a conversation I do not hold yet is loaded. Someone else: the member
 * count goes up — exactly when the held member list did not have them yet; when it is not
 * held, the count is a guess against a load in flight (uncertain).
 */
export function memberAdded(
  state: SessionState,
  { conversationId, member }: ServerEvents['member.added'],
  fx: Effects,
): SessionState {
  let next = gotIn(meet(state, [member.user]), conversationId, member.user.id);
  if (member.user.id === state.me.id && !state.conversations.some((c) => c.id === conversationId)) {
    fx.reload('conversations');
    fx.reload('online');
    return next;
  }
  // A newcomer to a group that shows presence is someone I may see now (PROTOCOL.md, Presence:
  // no presence event says so; the client asks again).
  if (showsPresence(state, conversationId)) fx.reload('online');
  // Whether the newcomer is online and mine to see, only the server knows.
  if (state.onlineIn[conversationId]) fx.reloadOnline(conversationId);
  const held = next.members[conversationId];
  if (held?.some((m) => m.user.id === member.user.id)) {
    return withMembers(
      next,
      conversationId,
      held.map((m) => (m.user.id === member.user.id ? member : m)),
    );
  }
  if (held) next = withMembers(next, conversationId, [...held, member]);
  else fx.uncertain('conversations');
  if (member.user.id === state.me.id) return next;
  return patchConversation(next, conversationId, (c) => ({ ...c, memberCount: c.memberCount + 1 }));
}

/** A role or mute changed; mine also changes what the list shows of my part. */
export function memberUpdated(
  state: SessionState,
  { conversationId, member }: ServerEvents['member.updated'],
): SessionState {
  let next = meet(state, [member.user]);
  const held = next.members[conversationId];
  if (held) {
    next = withMembers(next, conversationId, [...held.filter((m) => m.user.id !== member.user.id), member]);
  }
  if (member.user.id !== state.me.id) return next;
  return patchConversation(next, conversationId, (c) => ({
    ...c,
    myRole: member.role,
    myMutedUntil: member.mutedUntil,
  }));
}

/**
 * Someone left, was removed, or the group was dissolved. Me: the conversation leaves my list
 * (its messages are forgotten by the ConversationStore). Someone else: the count goes down,
 * like memberAdded.
 */
export function memberRemoved(
  state: SessionState,
  { conversationId, userId }: ServerEvents['member.removed'],
  fx: Effects,
): SessionState {
  // Who I may see online changes when someone leaves a group that shows presence, or I leave
  // any (it may be gone from my list already, left through my own action): asked again.
  if (userId === state.me.id || showsPresence(state, conversationId)) fx.reload('online');
  if (userId === state.me.id) return removeConversation(state, conversationId);
  let next = memberLeftList(state, conversationId, userId, fx);
  const held = state.members[conversationId];
  if (held && !held.some((m) => m.user.id === userId)) return next;
  if (held)
    next = withMembers(
      next,
      conversationId,
      held.filter((m) => m.user.id !== userId),
    );
  else fx.uncertain('conversations');
  return patchConversation(next, conversationId, (c) => ({
    ...c,
    memberCount: Math.max(0, c.memberCount - 1),
  }));
}

/** A held group whose members see each other's presence. */
export function showsPresence(state: SessionState, conversationId: string): boolean {
  return state.conversations.some((c) => c.id === conversationId && c.showPresence);
}
