import { useEffect, useRef } from 'react';
import { useSession } from '../../model/app-context.ts';
import { playChime, prepareChime } from './chime.ts';
import { decideAlert } from './decide.ts';
import { showDesktopNotification } from './desktop.ts';
import { notificationPermission, refreshPermission } from './permission.ts';
import { notifyPrefs } from './prefs.ts';

/**
 * Alerts me to messages from others while I am signed in: a chime, and a desktop notification
 * when the tab is in the background (see decideAlert for when). Use once, in the main layout;
 * `openId` is the conversation on screen.
 */
export function useNotifier(openId: string | null): void {
  const { session } = useSession();
  const open = useRef(openId);
  useEffect(() => {
    open.current = openId;
  }, [openId]);

  useEffect(() => prepareChime(), []);

  useEffect(() => {
    // The user may have allowed or blocked notifications in the browser meanwhile.
    addEventListener('focus', refreshPermission);
    const off = session.onMessage((message, conversation) => {
      const alert = decideAlert({
        message,
        meId: session.getSnapshot().me.id,
        conversation,
        openId: open.current,
        hidden: document.hidden,
        prefs: notifyPrefs.get(),
        permission: notificationPermission.get(),
      });
      if (alert.chime) playChime();
      if (alert.desktop) showDesktopNotification(session, message, conversation);
    });
    return () => {
      off();
      removeEventListener('focus', refreshPermission);
    };
  }, [session]);
}
