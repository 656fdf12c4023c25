import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Gateway } from './gateway.ts';

/**
 * GET /ws: the live connection. Browsers send an Origin header; a page from another site must
 * not open a socket with a user's token (cross-site WebSocket hijacking), so the origin must
 * be the server's own or one listed in PARLEY_ALLOWED_ORIGINS. Non-browser clients send none.
 */
export function registerGatewayRoute(app: FastifyInstance, gateway: Gateway, allowedOrigins: string[]): void {
  app.get(
    '/ws',
    {
      websocket: true,
      schema: { hide: true },
      preValidation: async (request) => {
        if (!originAllowed(request, allowedOrigins)) {
          throw new AppError(
            'origin_not_allowed',
            `origin ${request.headers.origin} may not open a socket here`,
          );
        }
      },
    },
    (socket, request) => gateway.accept(socket, request.ip, request.raw.socket),
  );
}

function originAllowed(request: FastifyRequest, allowed: string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.host === request.headers.host) return true;
  return allowed.some((a) => new URL(a).origin === url.origin);
}
