import type { ServerEvent } from '@parley/protocol';
import type { SessionState } from '../session-state.ts';
import * as conversations from './conversations.ts';
import type { Effects } from './effects.ts';
import * as groups from './groups.ts';
import * as members from './members.ts';
import { renamedInLists } from './online-in.ts';
import * as people from './people.ts';
import { userUpdated } from './users.ts';

export { type Effects, noEffects } from './effects.ts';

/**
 * How one server push changes what a signed-in client knows (HOUSE.md habit 7): a pure
 * function of the state and the event, typed on the protocol's event schemas, with a case for
 * every event PROTOCOL.md documents (the `never` check at the end makes a new event a compile
 * error here). What needs the server — a conversation new to me, a block's details — is asked
 * through `fx`. Messages themselves are the ConversationStore's (state/apply-event.ts); this
 * keeps the list's last message, counts and everything else.
 */
export function reduceEvent(state: SessionState, e: ServerEvent, fx: Effects): SessionState {
  switch (e.event) {
    case 'message.created':
      return conversations.messageCreated(state, e.data, fx);
    case 'message.updated':
      return conversations.messageUpdated(state, e.data);
    case 'reaction.changed':
      return conversations.reactionChanged(state, e.data);
    case 'message.hidden':
      return conversations.messagesHidden(state, e.data, fx);
    case 'conversation.updated':
      return conversations.conversationUpdated(state, e.data, fx);
    case 'read.updated':
      return conversations.readUpdated(state, e.data);
    case 'receipt.updated':
      return conversations.receiptUpdated(state, e.data);
    case 'conversation.member_updated':
      return conversations.preferencesUpdated(state, e.data);
    case 'typing':
      return conversations.typingStarted(state, e.data);
    case 'member.added':
      return members.memberAdded(state, e.data, fx);
    case 'member.updated':
      return members.memberUpdated(state, e.data);
    case 'member.removed':
      return members.memberRemoved(state, e.data, fx);
    case 'presence.changed':
      return people.presenceChanged(state, e.data, fx);
    case 'user.updated':
      return renamedInLists(userUpdated(state, e.data), e.data.id, fx);
    case 'friend.requested':
      return people.friendRequested(state, e.data);
    case 'friend.accepted':
      return people.friendAccepted(state, e.data, fx);
    case 'friend.declined':
    case 'friend.cancelled':
      return people.requestClosed(state, e.data.requestId);
    case 'friend.updated':
      return people.friendUpdated(state, e.data);
    case 'friend.removed':
      return people.friendRemoved(state, e.data.userId, fx);
    case 'user.blocked':
      return people.blockChanged(state, fx);
    case 'user.unblocked':
      return people.unblocked(state, e.data.userId, fx);
    case 'group.invited':
      return groups.invited(state, e.data);
    case 'group.invitation.answered':
      return groups.invitationAnswered(state, e.data);
    case 'group.invitation.cancelled':
      // The group was dissolved, or I got in another way: gone like an answered one.
      return groups.invitationAnswered(state, e.data);
    case 'group.join.requested':
      return groups.joinRequested(state, e.data);
    case 'group.join.decided':
      return groups.joinDecided(state, e.data);
    case 'settings.updated':
      return conversations.settingsUpdated(state, e.data, fx);
    case 'session.revoked':
      return { ...state, ended: e.data.reason };
    default: {
      // Every event is handled above (a new one is a compile error here); one from a newer
      // server, not in this union, changes nothing.
      const unknown: never = e;
      void unknown;
      return state;
    }
  }
}
