import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { type ProxyTrust, lastForwarded } from '../http/proxy-trust.ts';

/**
 * Browsers send an Origin header; a page from another site must not open a socket with a
 * user's token (cross-site WebSocket hijacking), so the origin must be the server's own or one
 * listed in PARLEY_ALLOWED_ORIGINS — the whole origin, scheme, host and port:
 * `http://chat.example.com` is another site than `https://chat.example.com` (a network attacker
 * can serve the first), and so is another port on the same host (another program). Non-browser
 * clients send no Origin and are let through.
 */
export class OriginCheck {
  private readonly allowed: Set<string | null>;

  constructor(
    allowedOrigins: readonly string[],
    private readonly trust: ProxyTrust | false,
  ) {
    this.allowed = new Set(allowedOrigins.map(originOf));
  }

  admits(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    const theirs = originOf(origin);
    if (theirs === null) return false;
    return theirs === this.ownOrigin(request) || this.allowed.has(theirs);
  }

  /**
   * The origin the browser sees this server at: the scheme it was reached by and the Host it
   * was asked for. Behind a proxy named in PARLEY_TRUST_PROXY, both come from the proxy's
   * X-Forwarded-Proto and X-Forwarded-Host (as Fastify's `request.protocol` and `request.host`
   * would have them); from anyone else those headers are ignored.
   */
  private ownOrigin(request: IncomingMessage): string | null {
    const { headers, socket } = request;
    const viaProxy =
      this.trust !== false && socket.remoteAddress !== undefined && this.trust(socket.remoteAddress, 0);
    const scheme =
      (viaProxy && lastForwarded(headers['x-forwarded-proto'])) ||
      ((socket as TLSSocket).encrypted ? 'https' : 'http');
    const host = (viaProxy && lastForwarded(headers['x-forwarded-host'])) || headers.host || '';
    return originOf(`${scheme}://${host}`);
  }
}

/**
 * `scheme://host[:port]` as browsers write an Origin: lower case, the port left out when it is
 * the scheme's default (http 80, https 443). Null for anything that is not an http(s) origin,
 * such as the `null` of a sandboxed page or a file.
 */
function originOf(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
}
