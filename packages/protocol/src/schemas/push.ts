import { z } from 'zod';
import { Id } from './common.ts';

/**
 * Web Push (RFC 8030 delivery, RFC 8291 encryption, RFC 8292 VAPID): a device that is closed
 * hears of direct messages and mentions through its browser's push service. See PROTOCOL.md,
 * "Push notifications".
 */

/** Longest push service URL a subscription may name; real ones are a few hundred characters. */
export const pushEndpointMax = 2048;

/** Base64url without padding (as `PushSubscription.toJSON()` gives it); a trailing `=` is tolerated. */
const base64url = (bytes: number, what: string) => {
  const chars = Math.ceil((bytes * 4) / 3);
  return z
    .string()
    .regex(new RegExp(`^[A-Za-z0-9_-]{${chars}}={0,2}$`), `${what}: ${bytes} bytes in base64url`);
};

/**
 * `PUT /me/push-subscription`: what the browser's `PushSubscription.toJSON()` gives, as is.
 * `p256dh` is the device's P-256 public key (65 bytes, uncompressed), `auth` its 16-byte
 * secret; together they let only this device read what the server sends through the service.
 */
export const PushSubscriptionBody = z.strictObject({
  /** The push service URL the server POSTs to; https (the server checks the host too). */
  endpoint: z.url({ protocol: /^https?$/ }).max(pushEndpointMax),
  /** When the push service ends the subscription (ms since 1970), if it says; kept for nothing. */
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    p256dh: base64url(65, 'an uncompressed P-256 public key'),
    auth: base64url(16, 'the authentication secret'),
  }),
});
export type PushSubscriptionBody = z.infer<typeof PushSubscriptionBody>;

/** `GET /me/push-subscription`: the endpoint this session's pushes go to; null when none. */
export const PushSubscriptionState = z.object({ endpoint: z.string().nullable() });
export type PushSubscriptionState = z.infer<typeof PushSubscriptionState>;

/**
 * What a push carries, decrypted by the device's service worker (small: a push service takes
 * at most 4 KB). `title` and `body` are ready to show; `body` is absent when the recipient
 * turned message previews off (`Settings.pushPreview`) or the message has no text (a photo, a
 * voice message), and the worker shows a generic "New message" in the device's language.
 */
export const PushPayload = z.object({
  /** Which conversation to open when the notification is tapped. */
  conversationId: Id,
  /** The sender's name (direct message) or the group's. */
  title: z.string(),
  body: z.string().optional(),
  /** One notification per conversation: a newer one replaces the older (Notification.tag). */
  tag: z.string(),
  /** The recipient was @mentioned (in a group). */
  mention: z.boolean(),
});
export type PushPayload = z.infer<typeof PushPayload>;
