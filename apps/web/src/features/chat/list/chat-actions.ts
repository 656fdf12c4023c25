import type { Message } from '@parley/protocol';
import { createContext, useContext } from 'react';

/**
 * What a message row can do, given once by the list: the functions are stable for the life of
 * the open conversation, so rows (memoised) do not re-render when the list does.
 */
export interface ChatActions {
  conversationId: string;
  /** Group or lobby: rows show others' avatars and names. */
  isGroup: boolean;
  /** My username, to highlight mentions of me. */
  myUsername: string;
  myId: string;
  /** I may recall others' messages (a group's owner or admin). */
  canModerate(): boolean;
  reply(message: Message): void;
  /** Opens my text message in the composer to rewrite it. */
  edit(message: Message): void;
  /** Scrolls to the message at `seq` (loading older pages if needed) and highlights it. */
  jumpTo(seq: number): void;
  /** Puts my `emoji` on the message, or takes it off when it is there. */
  toggleReaction(message: Message, emoji: string): void;
  recall(message: Message): void;
  /** Opens the forward dialog for this message. */
  forward(message: Message): void;
  /** Keeps a sticker message's sticker in my collection. */
  saveSticker(message: Message): void;
  /** Enters selection mode with this message picked, or (selecting) picks or unpicks it. */
  toggleSelected(message: Message): void;
  /** The message pinned as the group's announcement is this one. */
  isAnnouncement(message: Message): boolean;
  /** Pins the message as the group's announcement (replacing any), or with null takes it down. */
  pin(message: Message | null): void;
  /** Asks whether to delete the message for me (from my devices only). */
  hide(message: Message): void;
  /** Opens the form that reports someone else's message to the server's admins. */
  report(message: Message): void;
  /** Shows the chat's pictures full screen, at this picture message. */
  openImage(messageId: string): void;
  retry(clientMsgId: string): void;
  discard(clientMsgId: string): void;
}

export const ChatActionsContext = createContext<ChatActions | null>(null);

export function useChatActions(): ChatActions {
  const actions = useContext(ChatActionsContext);
  if (!actions) throw new Error('useChatActions outside the message list');
  return actions;
}

/** The quick-pick of reactions. */
export const quickReactions = ['👍', '❤️', '😂', '😮', '😢', '🎉'] as const;
