import { createHash, createHmac, randomBytes } from 'node:crypto';

/** A new bearer token: 256 random bits, URL-safe. Only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 is enough here: tokens are random and long, so there is nothing to brute-force. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The media credential of a session (the `parley_media` cookie): HMAC-SHA256 keyed by the
 * session's bearer token over a purpose label. It opens /media only (its hash sits in its own
 * column, which nothing but the media routes looks up), it reveals nothing of the bearer token
 * (an HMAC output does not give its key back), and it dies with the session row. It is derived
 * rather than random so that asking for it twice gives the same value: a browser whose tabs
 * share one session each set the cookie after every hello, and with a fresh random value per
 * call the cookie that lands last in the jar need not be the one whose hash was stored last.
 */
export function mediaTokenOf(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('parley media cookie v1').digest('base64url');
}
