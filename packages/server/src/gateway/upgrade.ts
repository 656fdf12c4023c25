import { type IncomingMessage, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { limits } from '@parley/protocol';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { WebSocketServer } from 'ws';
import { AppError } from '../errors.ts';
import { type ProxyTrust, clientAddress } from '../http/proxy-trust.ts';
import type { Gateway } from './gateway.ts';
import { OriginCheck } from './origin.ts';

/** The one path a socket opens at. */
export const gatewayPath = '/ws';

export interface UpgradeOptions {
  allowedOrigins: readonly string[];
  trust: ProxyTrust | false;
  /** Connects per client address (the same budget on every node when it lives in Redis). */
  connects: RateLimiterAbstract;
}

/**
 * Answers WebSocket upgrades on the HTTP server's `upgrade` event, before Fastify sees them: a
 * socket is one request that never gets an HTTP answer, and taking it through Fastify's
 * routing, hooks and a ServerResponse cost about a fifth of a connect's CPU
 * (bench/connect/hello.ts; docs/benchmarks.md). What Fastify did for it is done here: the path,
 * the per-address limit, the Origin check (gateway/origin.ts), the client address behind a
 * trusted proxy, and a refusal with Parley's error body. `ws` then checks the handshake itself
 * (method, version, key) and answers a bad one with 400.
 */
export function acceptUpgrades(server: Server, gateway: Gateway, options: UpgradeOptions): void {
  // The gateway keeps its own list of sockets and closes them all itself (Gateway.close), so
  // ws need not track them too: that cost every socket a Set entry and a `close` listener.
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: limits.wsFrameMaxBytes,
    clientTracking: false,
  });
  const origins = new OriginCheck(options.allowedOrigins, options.trust);

  const upgrade = async (request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    // Node takes its own error listener off a socket it hands over for an upgrade; until ws
    // puts its own on, a reset connection must not become an uncaught error.
    socket.on('error', destroyOnError);
    const ip = clientAddress(request, options.trust);
    try {
      const path = request.url?.split('?', 1)[0];
      if (path !== gatewayPath) {
        throw new AppError('not_found', `nothing to upgrade at ${path}: the WebSocket is at ${gatewayPath}`);
      }
      await takeConnect(options.connects, ip);
      if (!origins.admits(request)) {
        throw new AppError(
          'origin_not_allowed',
          `origin ${request.headers.origin} may not open a socket here`,
        );
      }
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refuse(socket, err);
      return;
    }
    socket.removeListener('error', destroyOnError);
    sockets.handleUpgrade(request, socket, head, (ws) => gateway.accept(ws, ip, socket));
  };

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgrade(request, socket, head).catch((err: unknown) => {
      gateway.log.error({ err }, 'could not answer a WebSocket upgrade');
      socket.destroy();
    });
  });
}

function destroyOnError(this: Duplex): void {
  this.destroy();
}

/**
 * One connect from `ip`'s budget, or `rate_limited` with the seconds to wait. A limiter that
 * fails otherwise (Redis and its fallback both unusable) lets the connect through, as the
 * HTTP limit does (app.ts, skipOnError).
 */
async function takeConnect(connects: RateLimiterAbstract, ip: string): Promise<void> {
  try {
    await connects.consume(ip);
  } catch (res) {
    if (!(res instanceof RateLimiterRes)) return;
    const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    throw new AppError('rate_limited', `too many connects; try again in ${retryAfter} s`, { retryAfter });
  }
}

/** Answers the upgrade with an HTTP error and Parley's error body, then closes the connection. */
function refuse(socket: Duplex, refusal: AppError): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: refusal.toBody() });
  const retryAfter = refusal.extra.retryAfter;
  socket.end(
    [
      `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}`,
      'Connection: close',
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      ...(retryAfter === undefined ? [] : [`Retry-After: ${retryAfter}`]),
      '',
      body,
    ].join('\r\n'),
  );
}
