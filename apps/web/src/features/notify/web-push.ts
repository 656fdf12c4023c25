import type { PushSubscriptionBody } from '@parley/protocol';
import type { HttpClient } from '@parley/sdk';
import { askPermission } from './permission.ts';

/**
 * "Notify me when Parley is closed": this browser's Web Push subscription, made with the
 * server's VAPID key and handed to the server for this session (PROTOCOL.md, "Push
 * notifications"). The pushes are shown by the service worker (public/push.js), so this needs
 * the one pwa.ts registers: a production build, over https (or localhost).
 */

/** Why this browser cannot have pushes, or null when it can. */
export function pushUnavailable(): 'insecure' | 'unsupported' | null {
  if (!window.isSecureContext) return 'insecure';
  if (
    !('serviceWorker' in navigator) ||
    typeof PushManager === 'undefined' ||
    typeof Notification === 'undefined'
  ) {
    return 'unsupported';
  }
  return null;
}

/** A browser that never reaches its push service must not leave the switch busy for ever. */
const subscribeTimeoutMs = 20_000;

/** The service worker's registration, or undefined where none is registered (development). */
async function workerRegistration(): Promise<ServiceWorkerRegistration | undefined> {
  if (pushUnavailable()) return undefined;
  if (!(await navigator.serviceWorker.getRegistration())) return undefined;
  return navigator.serviceWorker.ready;
}

function bodyOf(subscription: PushSubscription): PushSubscriptionBody {
  const json = subscription.toJSON();
  return {
    endpoint: subscription.endpoint,
    expirationTime: json.expirationTime ?? null,
    keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
  };
}

function bytesOf(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function sameKey(key: ArrayBuffer | null | undefined, base64url: string): boolean {
  if (!key) return false;
  const a = new Uint8Array(key);
  const b = bytesOf(base64url);
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Whether this session's pushes come to this browser, putting right what drifted meanwhile:
 * a subscription the push service renewed is handed over again; one the browser no longer has
 * (its data cleared, notifications blocked) is withdrawn from the server.
 */
export async function pushIsOn(http: HttpClient): Promise<boolean> {
  const registration = await workerRegistration();
  if (!registration) return false;
  const [mine, theirs] = await Promise.all([
    registration.pushManager.getSubscription(),
    http.push.subscription(),
  ]);
  if (theirs.endpoint === null) return false;
  if (!mine || Notification.permission !== 'granted') {
    await http.push.unsubscribe();
    return false;
  }
  if (mine.endpoint !== theirs.endpoint) await http.push.subscribe(bodyOf(mine));
  return true;
}

export type TurnOnResult = 'on' | 'denied' | 'unavailable' | 'failed';

/** Asks for permission (after the user's click), subscribes with the server's key, tells the server. */
export async function turnPushOn(http: HttpClient): Promise<TurnOnResult> {
  if ((await askPermission()) !== 'granted') return 'denied';
  const registration = await workerRegistration();
  if (!registration) return 'unavailable';
  const { vapidPublicKey } = await http.serverInfo();
  let subscription = await registration.pushManager.getSubscription();
  // Made for another server key (another server once served this origin): start again.
  if (subscription && !sameKey(subscription.options.applicationServerKey, vapidPublicKey)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  if (!subscription) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      subscription = await Promise.race([
        registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: bytesOf(vapidPublicKey),
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('push service timeout')), subscribeTimeoutMs);
        }),
      ]);
    } catch {
      // No push service reachable (offline, or a browser built without one).
      return 'failed';
    } finally {
      clearTimeout(timer);
    }
  }
  await http.push.subscribe(bodyOf(subscription));
  return 'on';
}

/** The server stops pushing to this session, and the browser drops the subscription. */
export async function turnPushOff(http: HttpClient): Promise<void> {
  await http.push.unsubscribe();
  const subscription = await (await workerRegistration())?.pushManager.getSubscription();
  await subscription?.unsubscribe().catch(() => {});
}
