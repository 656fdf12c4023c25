import { Observable } from '../../model/observable.ts';

/**
 * How this device alerts me to new messages. Kept per device (localStorage), not on the
 * server: a laptop may chime while the phone stays quiet.
 */
export interface NotifyPrefs {
  /** A short chime for new messages. */
  sound: boolean;
  /** A desktop notification while the tab is in the background (also needs the browser's permission). */
  desktop: boolean;
}

const key = 'parley.notify';
const defaults: NotifyPrefs = { sound: true, desktop: false };

function load(): NotifyPrefs {
  try {
    const saved = JSON.parse(localStorage.getItem(key) ?? '{}') as Partial<NotifyPrefs>;
    return {
      sound: typeof saved.sound === 'boolean' ? saved.sound : defaults.sound,
      desktop: typeof saved.desktop === 'boolean' ? saved.desktop : defaults.desktop,
    };
  } catch {
    return defaults;
  }
}

export const notifyPrefs = new Observable<NotifyPrefs>(load());

export function setNotifyPrefs(change: Partial<NotifyPrefs>): void {
  const next = { ...notifyPrefs.get(), ...change };
  localStorage.setItem(key, JSON.stringify(next));
  notifyPrefs.set(next);
}

// Another tab of this browser changed them: follow, so two tabs do not disagree.
addEventListener('storage', (e) => {
  if (e.key === key) notifyPrefs.set(load());
});
