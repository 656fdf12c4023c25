import { Observable } from '../../model/observable.ts';

/** The browser's answer about desktop notifications, or 'unsupported' (no Notification API). */
export type Permission = NotificationPermission | 'unsupported';

function read(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export const notificationPermission = new Observable<Permission>(read());

/**
 * Asks the browser once (it only shows its prompt after a click, and never again once the
 * user said no); resolves with the answer.
 */
export async function askPermission(): Promise<Permission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission === 'default') {
    try {
      await Notification.requestPermission();
    } catch {
      // old Safari: callback form only; the permission is read below either way
    }
  }
  notificationPermission.set(read());
  return read();
}

/** The user may change it in the browser's site settings while the app is open. */
export function refreshPermission(): void {
  notificationPermission.set(read());
}
