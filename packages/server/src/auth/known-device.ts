import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { UserRow } from '../store/tables.ts';

type Account = Pick<UserRow, 'id' | 'password_hash'>;

/**
 * "Known device" values (OWASP's device cookies, docs/architecture.md "Login throttling"):
 * every sign-in hands the client one, and a login that presents it for the same account is
 * counted against that device alone instead of against the account and the address
 * (auth/login-throttle.ts). So a guesser who makes the account slow, or who shares the
 * owner's address, does not keep the owner out of their own devices.
 *
 * A value is `<id>.<mac>`: 128 random bits naming the device, and HMAC-SHA256 over the
 * account's id and the device id, keyed by the account's password hash. Nothing is stored:
 * every node checks a value with the user row the login loads anyway; only the server, which
 * holds the hash, can make one; a value made for one account means nothing for another; and a
 * password change (a new hash) forgets every known device, as it signs every other device out.
 */
export function issueKnownDevice(account: Account): string {
  const id = randomBytes(16).toString('base64url');
  return `${id}.${macOf(account, id)}`;
}

/** The device id of `value` when it is a known device of `account`, else null. */
export function knownDeviceOf(value: string | undefined, account: Account | undefined): string | null {
  if (!value || !account) return null;
  const [id, mac, ...rest] = value.split('.');
  if (!id || !mac || rest.length > 0) return null;
  const expected = Buffer.from(macOf(account, id));
  const actual = Buffer.from(mac);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? id : null;
}

function macOf(account: Account, id: string): string {
  return createHmac('sha256', account.password_hash)
    .update(`parley known device v1\0${account.id}\0${id}`)
    .digest('base64url');
}
