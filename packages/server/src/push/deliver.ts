import type { PushPayload } from '@parley/protocol';
import webpush from 'web-push';
import type { PushSubscriptionRow } from '../store/push-subscriptions.ts';
import type { VapidKeys } from './vapid-keys.ts';

/**
 * How long a push service keeps a push for a device that is off: a day. A message older than
 * that is better found in the app than announced late.
 */
const ttlSeconds = 86_400;
const timeoutMs = 10_000;

/** sent: the service took it; gone: the subscription ended (404/410); failed: anything else. */
export type Delivery = { outcome: 'sent' | 'gone' } | { outcome: 'failed'; status?: number; error?: unknown };

export interface Signer {
  keys: VapidKeys;
  /** PARLEY_PUSH_SUBJECT: whom the push service may contact (the JWT's `sub`). */
  subject: string;
}

/**
 * One push (RFC 8030): web-push encrypts the payload for the device (RFC 8291, aes128gcm)
 * and signs a VAPID JWT for the service's origin (RFC 8292); the request itself goes out
 * through fetch, with a timeout and without following redirects, so nothing but the URL the
 * subscription named is ever contacted. `topic` lets the service keep only the newest
 * undelivered push of a conversation for a device that is off.
 */
export async function deliverPush(
  subscription: PushSubscriptionRow,
  payload: PushPayload,
  topic: string,
  signer: Signer,
): Promise<Delivery> {
  const request = webpush.generateRequestDetails(
    { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
    JSON.stringify(payload),
    {
      vapidDetails: { subject: signer.subject, ...signer.keys },
      TTL: ttlSeconds,
      urgency: 'high',
      topic,
      contentEncoding: 'aes128gcm',
    },
  );
  const headers = Object.fromEntries(
    Object.entries(request.headers)
      .filter(([name]) => name.toLowerCase() !== 'content-length')
      .map(([name, value]) => [name, String(value)]),
  );
  try {
    const response = await fetch(request.endpoint, {
      method: request.method,
      headers,
      body: request.body as Buffer,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (response.ok) return { outcome: 'sent' };
    if (response.status === 404 || response.status === 410) return { outcome: 'gone' };
    return { outcome: 'failed', status: response.status };
  } catch (error) {
    return { outcome: 'failed', error };
  }
}
