import type { Conversation, Message, ServerEvents, Settings, SharedConversation } from '@parley/protocol';
import { previewOf } from '../../state/timeline.ts';
import { sortConversations } from '../order.ts';
import type { SessionState } from '../session-state.ts';
import type { Effects } from './effects.ts';
import { gotIn } from './groups.ts';

/** The conversation with `id` changed by `change`; the state as it was when I do not hold it. */
export function patchConversation(
  state: SessionState,
  id: string,
  change: (c: Conversation) => Conversation,
): SessionState {
  const index = state.conversations.findIndex((c) => c.id === id);
  if (index < 0) return state;
  const next = change(state.conversations[index]!);
  if (next === state.conversations[index]) return state;
  const list = [...state.conversations];
  list[index] = next;
  return { ...state, conversations: sortConversations(list) };
}

export function removeConversation(state: SessionState, id: string): SessionState {
  if (
    !state.conversations.some((c) => c.id === id) &&
    !(id in state.members) &&
    !(id in state.typing) &&
    !(id in state.onlineIn)
  )
    return state;
  const { [id]: _members, ...members } = state.members;
  const { [id]: _typing, ...typing } = state.typing;
  const { [id]: _online, ...onlineIn } = state.onlineIn;
  return {
    ...state,
    conversations: state.conversations.filter((c) => c.id !== id),
    members,
    typing,
    onlineIn,
  };
}

/**
 * A new message moves its conversation to the top and counts as unread unless it is mine (or
 * a notice), or already read. Idempotent: a message at or below what the list has changes
 * nothing, so it is safe to apply again over a load's answer. A conversation I do not hold
 * yet (someone wrote to me first) is loaded.
 */
export function messageCreated(state: SessionState, m: Message, fx: Effects): SessionState {
  if (!state.conversations.some((c) => c.id === m.conversationId)) {
    fx.reload('conversations');
    return state;
  }
  const me = state.me.id;
  const typing = withoutTyping(state, m.conversationId, m.senderId);
  return patchConversation(typing, m.conversationId, (c) => {
    if (m.seq <= c.lastSeq && (c.lastMessage?.seq ?? 0) >= m.seq) return c;
    const mine = m.senderId === me;
    const counts = !mine && m.kind !== 'system' && m.seq > c.readSeq && m.seq > c.lastSeq;
    const shown = previewable(c, m);
    return {
      ...c,
      lastSeq: Math.max(c.lastSeq, m.seq),
      // Storing a message stamps its conversation (the server's updated_at), all but the
      // lobby's join and leave notices.
      updatedAt: shown && m.createdAt > c.updatedAt ? m.createdAt : c.updatedAt,
      lastRev: Math.max(c.lastRev, m.rev),
      lastMessage: shown && m.seq >= (c.lastMessage?.seq ?? 0) ? m : c.lastMessage,
      readSeq: mine ? Math.max(c.readSeq, m.seq) : c.readSeq,
      unreadCount: mine ? 0 : c.unreadCount + (counts ? 1 : 0),
      mentionCount: mine ? 0 : c.mentionCount + (counts && m.mentions.includes(me) ? 1 : 0),
    };
  });
}

/**
 * Whether the list may show `m` as the conversation's preview: anything but the lobby's join
 * and leave notices, which come with every sign-up (PROTOCOL.md, The lobby; the server's
 * store/read-state.ts lastMessagesOf passes over the same).
 */
export function previewable(c: Conversation, m: Message): boolean {
  return !(c.kind === 'lobby' && (m.notice?.type === 'member.joined' || m.notice?.type === 'member.left'));
}

/** An edit or recall: the list shows it when it is the last message (or quoted by it); the conversation's rev moves. */
export function messageUpdated(state: SessionState, m: Message): SessionState {
  // An edit that adds or drops a mention of me, or a recall of a message I had not read,
  // changes my badges: the server sends me `read.updated` with them (PROTOCOL.md).
  return patchConversation(state, m.conversationId, (c) => ({
    ...c,
    lastRev: Math.max(c.lastRev, m.rev),
    lastMessage:
      c.lastMessage?.id === m.id && m.rev >= c.lastMessage.rev
        ? m
        : c.lastMessage?.replyTo?.id === m.id
          ? { ...c.lastMessage, replyTo: previewOf(m, c.lastMessage.replyTo) }
          : c.lastMessage,
  }));
}

export function reactionChanged(state: SessionState, r: ServerEvents['reaction.changed']): SessionState {
  return patchConversation(state, r.conversationId, (c) => ({
    ...c,
    lastRev: Math.max(c.lastRev, r.rev),
    lastMessage:
      c.lastMessage?.id === r.messageId && r.rev >= c.lastMessage.rev
        ? { ...c.lastMessage, reactions: r.reactions, rev: r.rev }
        : c.lastMessage,
  }));
}

/**
 * I deleted messages for me. The list's preview falls back to the newest message I still see,
 * which only the server knows for sure (the timeline may not hold it, and in the lobby join
 * notices are passed over): the list is asked again when the preview was one of them.
 * Unread counts do not change (PROTOCOL.md, Delete for me).
 */
export function messagesHidden(
  state: SessionState,
  h: ServerEvents['message.hidden'],
  fx: Effects,
): SessionState {
  const held = state.conversations.find((c) => c.id === h.conversationId);
  if (held?.lastMessage && h.messageIds.includes(held.lastMessage.id)) fx.reload('conversations');
  return state;
}

/** Details shared by every member changed; one I am not in yet (made, joined, added to) is loaded. */
export function conversationUpdated(
  state: SessionState,
  shared: SharedConversation,
  fx: Effects,
): SessionState {
  const held = state.conversations.find((c) => c.id === shared.id);
  // A group just joined, or one that starts or stops showing presence, changes whom I may
  // see online; no presence event says so (PROTOCOL.md, Presence): asked again.
  if (!held || held.showPresence !== shared.showPresence) fx.reload('online');
  if (!held) {
    fx.reload('conversations');
    return gotIn(state, shared.id, state.me.id);
  }
  return patchConversation(state, shared.id, (c) => ({ ...c, ...shared }));
}

export function readUpdated(state: SessionState, r: ServerEvents['read.updated']): SessionState {
  return patchConversation(state, r.conversationId, (c) => ({
    ...c,
    readSeq: r.readSeq,
    unreadCount: r.unreadCount,
    mentionCount: r.mentionCount,
  }));
}

export function receiptUpdated(state: SessionState, r: ServerEvents['receipt.updated']): SessionState {
  return patchConversation(state, r.conversationId, (c) =>
    c.peer?.id === r.userId ? { ...c, peerReadSeq: Math.max(c.peerReadSeq ?? 0, r.readSeq) } : c,
  );
}

/** My own pin and mute, changed on this device or another. */
export function preferencesUpdated(
  state: SessionState,
  p: ServerEvents['conversation.member_updated'],
): SessionState {
  return patchConversation(state, p.conversationId, (c) => ({
    ...c,
    pinned: p.pinned,
    pinnedAt: p.pinnedAt,
    notificationsMuted: p.notificationsMuted,
  }));
}

/** Who is typing in a conversation, without `userId` (they sent their message). */
export function withoutTyping(
  state: SessionState,
  conversationId: string,
  userId: string | null,
): SessionState {
  const now = state.typing[conversationId];
  if (!now || userId === null || !now.includes(userId)) return state;
  const rest = now.filter((id) => id !== userId);
  const { [conversationId]: _, ...others } = state.typing;
  return { ...state, typing: rest.length > 0 ? { ...others, [conversationId]: rest } : others };
}

export function typingStarted(state: SessionState, t: ServerEvents['typing']): SessionState {
  const now = state.typing[t.conversationId] ?? [];
  if (now.includes(t.userId) || t.userId === state.me.id) return state;
  return { ...state, typing: { ...state.typing, [t.conversationId]: [...now, t.userId] } };
}

/**
 * My settings changed (on this device or another). Receipts are mutual: with mine off I see
 * nobody's (`peerReadSeq` null in every direct conversation), and turned on again I see how
 * far each peer has read, which only the server knows: the list is asked again.
 */
export function settingsUpdated(state: SessionState, settings: Settings, fx: Effects): SessionState {
  if (state.settings?.readReceipts !== settings.readReceipts) fx.reload('conversations');
  // Who may see me is whom I may see (PROTOCOL.md, Presence): the online sets change with it.
  if (state.settings?.presenceVisibleTo !== settings.presenceVisibleTo) fx.reload('online');
  return { ...state, settings };
}
