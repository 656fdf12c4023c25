import type { Conversation, Message } from '@parley/protocol';
import { i18next } from '../../i18n/index.ts';
import { type ParleySession, displayNameOf } from '@parley/sdk';
import { conversationTitle } from '../../util/conversation-title.ts';
import { type NameOf, messagePreview } from '../../util/message-preview.ts';
import { openConversation } from '../../util/route.ts';

/** useNames without React: "You", a friend's remark, else the display name we know. */
function namesOf(session: ParleySession): NameOf {
  const state = session.getSnapshot();
  return (userId) => {
    if (userId === null) return '';
    if (userId === state.me.id) return i18next.t('you');
    return displayNameOf(state, userId) ?? i18next.t('settings:notify.someone');
  };
}

/**
 * A desktop notification for a message that arrived while the tab was in the background:
 * titled with the chat (the person, or the group), the message's preview as its body. One per
 * conversation at a time (tag), so a busy group replaces its last one instead of piling up.
 * Clicking it brings the window forward on that chat. Where a page may not construct one
 * (Chrome on Android: "Illegal constructor"), it is shown through the service worker instead,
 * whose notificationclick handler (public/notification-click.js) opens the chat.
 */
export function showDesktopNotification(
  session: ParleySession,
  message: Message,
  conversation: Conversation | undefined,
): void {
  const names = namesOf(session);
  const group = conversation ? conversation.kind !== 'direct' : false;
  const title = conversation
    ? conversationTitle(conversation, session.getSnapshot())
    : names(message.senderId);
  const options: NotificationOptions = {
    body: messagePreview(message, names, group),
    tag: message.conversationId,
    icon: '/icons/icon-192.png',
    data: { conversationId: message.conversationId },
  };
  const heading = title || i18next.t('appName');
  try {
    const notification = new Notification(heading, options);
    notification.onclick = () => {
      window.focus();
      openConversation(message.conversationId);
      notification.close();
    };
  } catch {
    void showThroughServiceWorker(heading, options);
  }
}

async function showThroughServiceWorker(title: string, options: NotificationOptions): Promise<void> {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    await registration?.showNotification(title, options);
  } catch {
    // No service worker (yet): the chime still plays and the title still counts.
  }
}
