import type { Conversation, FriendRequest, GroupInvitation } from '@parley/protocol';
import type { SessionState } from '@parley/sdk';
import { conversationTitle } from './names.ts';

/** A row of the left pane: something waiting for my answer, or a conversation. */
export type ListRow =
  | { kind: 'friend-request'; id: string; label: string; request: FriendRequest }
  | { kind: 'invitation'; id: string; label: string; invitation: GroupInvitation }
  | {
      kind: 'conversation';
      id: string;
      label: string;
      conversation: Conversation;
      /** For a direct chat: whether the other person is online (null: not shown, e.g. a group). */
      online: boolean | null;
    };

/** Requests and invitations waiting for an answer first (they are few and want one), then the chats. */
export function listRows(state: SessionState): ListRow[] {
  const rows: ListRow[] = [];
  for (const request of state.incoming) {
    if (request.status !== 'pending') continue;
    rows.push({
      kind: 'friend-request',
      id: request.id,
      label: `${request.from.displayName} wants to be friends`,
      request,
    });
  }
  for (const invitation of state.invitations) {
    if (invitation.status !== 'pending' || invitation.inviteeId !== state.me.id) continue;
    const label = `Join ${invitation.group.name}?`;
    rows.push({ kind: 'invitation', id: invitation.id, label, invitation });
  }
  for (const c of state.conversations) {
    const online = c.kind === 'direct' && c.peer ? state.online.has(c.peer.id) : null;
    rows.push({
      kind: 'conversation',
      id: c.id,
      label: conversationTitle(state, c),
      conversation: c,
      online,
    });
  }
  return rows;
}
