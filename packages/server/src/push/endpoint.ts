import { isIP } from 'node:net';
import { AppError } from '../errors.ts';

const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Refuses a push endpoint the server should not POST to. The server sends to whatever URL a
 * signed-in user gives, so the URL must look like a push service: https on a named host.
 * An address or a local name (localhost, *.local, *.internal) would let a user aim the
 * server's requests into its own network. A name that resolves to such an address is not
 * caught here; what reaches it is a POST of ciphertext whose answer only its status is read.
 * `allowHttpLoopback` (PARLEY_PUSH_HTTP_LOOPBACK) lets tests use a stand-in on loopback.
 */
export function checkEndpoint(endpoint: string, allowHttpLoopback: boolean): void {
  const url = new URL(endpoint);
  const refuse = (why: string) => {
    throw new AppError('invalid_request', `endpoint: ${why}`, { field: 'endpoint' });
  };
  if (url.username || url.password) refuse('a push service URL carries no user or password');
  if (allowHttpLoopback && loopbackHosts.has(url.hostname)) return;
  if (url.protocol !== 'https:') refuse('a push service is reached over https');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(host) !== 0) refuse('a push service has a host name, not an address');
  if (!host.includes('.') || /(^|\.)(localhost|local|internal|lan|home\.arpa)$/.test(host)) {
    refuse('a push service is on a public host');
  }
}
