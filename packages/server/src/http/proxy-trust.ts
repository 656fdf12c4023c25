import proxyAddr from '@fastify/proxy-addr';
import type { IncomingMessage } from 'node:http';
import type { Config } from '../config/settings.ts';

/** Whether the `hop`-th address on a request's way (0: the peer itself) is a proxy Parley trusts. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * PARLEY_TRUST_PROXY as one function, for Fastify's `trustProxy` and for the WebSocket upgrade
 * (gateway/upgrade.ts), which is answered before Fastify sees the request: both must agree on
 * who the client is. A hop count trusts that many proxies in front of Parley (proxy-addr's
 * rule), no more; addresses and CIDRs are compiled by proxy-addr, as Fastify would.
 */
export function proxyTrust(setting: Config['trustProxy']): ProxyTrust | false {
  if (setting === false) return false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return proxyAddr.compile(setting.split(',').map((address) => address.trim()));
}

/** The client's address as Fastify's `request.ip` gives it: the nearest one not a trusted proxy. */
export function clientAddress(request: IncomingMessage, trust: ProxyTrust | false): string {
  if (!trust) return request.socket.remoteAddress ?? '';
  return proxyAddr(request, trust);
}

/**
 * The last value of a header a proxy may have appended to (`X-Forwarded-Proto: http, https`):
 * the one the nearest proxy wrote. Fastify reads them the same way.
 */
export function lastForwarded(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value.join(',') : value;
  return text.slice(text.lastIndexOf(',') + 1).trim();
}
