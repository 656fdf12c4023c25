import type { Conversation, Message } from '@parley/protocol';
import type { Permission } from './permission.ts';
import type { NotifyPrefs } from './prefs.ts';

export interface Arrival {
  message: Message;
  meId: string;
  /** The conversation as my list has it; undefined when it is not there yet (a new chat). */
  conversation: Conversation | undefined;
  /** The chat open on screen now, if any. */
  openId: string | null;
  /** The tab is in the background (document.hidden). */
  hidden: boolean;
  prefs: NotifyPrefs;
  permission: Permission;
}

export interface Alert {
  chime: boolean;
  desktop: boolean;
}

const quiet: Alert = { chime: false, desktop: false };

/**
 * Whether a new message chimes and/or shows a desktop notification. Never for my own
 * messages (other devices of mine included) or system notices, never in a muted
 * conversation, and not for the chat I am looking at right now.
 */
export function decideAlert(a: Arrival): Alert {
  const m = a.message;
  if (m.senderId === null || m.senderId === a.meId || m.kind === 'system') return quiet;
  if (a.conversation?.notificationsMuted) return quiet;
  if (!a.hidden && a.openId === m.conversationId) return quiet;
  return {
    chime: a.prefs.sound,
    desktop: a.hidden && a.prefs.desktop && a.permission === 'granted',
  };
}
