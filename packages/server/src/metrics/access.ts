import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { Config } from '../config/settings.ts';
import { AppError } from '../errors.ts';

/**
 * Who may read /metrics: Prometheus with PARLEY_METRICS_TOKEN as its bearer token, or any
 * caller from PARLEY_METRICS_ALLOW. With neither set the route is closed (404), since metrics
 * tell an outsider how busy the server is and how many people are online. Throws the refusal.
 */
export function metricsGuard(
  config: Pick<Config, 'metricsToken' | 'metricsAllow'>,
): (ip: string, authorization: string | undefined) => void {
  const allowed = allowList(config.metricsAllow);
  const token = config.metricsToken === undefined ? undefined : digest(config.metricsToken);
  const closed = token === undefined && config.metricsAllow.length === 0;
  return (ip, authorization) => {
    if (closed) throw new AppError('not_found', 'no route for GET /metrics');
    if (isAllowed(allowed, ip)) return;
    if (token === undefined) throw new AppError('forbidden', 'this address may not read the metrics');
    const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    // Compared as digests: equal lengths for timingSafeEqual, and no timing hint at the token's length.
    if (given === undefined || !timingSafeEqual(digest(given), token)) {
      throw new AppError('unauthenticated', 'the metrics need the metrics token');
    }
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function allowList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

function isAllowed(list: BlockList, ip: string): boolean {
  if (isIP(ip) === 0) return false;
  // A dual-stack listener reports IPv4 callers as ::ffff:a.b.c.d; the list names them as IPv4.
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (v4 !== undefined) return list.check(v4, 'ipv4') || list.check(ip, 'ipv6');
  return list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}
