import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { rateLimiter } from '../http/rate-limiter.ts';
import type { ProxyTrust } from '../http/proxy-trust.ts';
import type { Gateway } from './gateway.ts';
import { acceptUpgrades, gatewayPath } from './upgrade.ts';

/**
 * GET /ws: the live connection. Its upgrades are answered on the HTTP server's `upgrade` event
 * (gateway/upgrade.ts) and never reach Fastify; Fastify answers only a plain GET, which cannot
 * become a socket, with a refusal that says how to ask.
 */
export function registerGatewayRoute(
  app: FastifyInstance,
  gateway: Gateway,
  trust: ProxyTrust | false,
): void {
  const { config, redis } = gateway.services;
  app.get(gatewayPath, { schema: { hide: true } }, async () => {
    throw new AppError('invalid_request', `${gatewayPath} opens a WebSocket: ask with Upgrade: websocket`);
  });
  acceptUpgrades(app.server, gateway, {
    allowedOrigins: config.allowedOrigins,
    trust,
    // Per address, ten sessions' worth a minute, as for HTTP requests (app.ts): a whole class
    // behind one school NAT reconnecting after a restart must get through.
    connects: rateLimiter(
      { keyPrefix: 'connects', points: config.requestsPerMinute * 10, duration: 60 },
      redis,
    ),
  });
}
