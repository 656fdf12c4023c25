import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
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
    (socket, request) => {
      forgetUpgrade(socket, request.raw.socket);
      gateway.accept(socket, request.ip, request.raw.socket);
    },
  );
}

/**
 * Lets go of the upgrade's HTTP request and response, which would otherwise live as long as the
 * socket: @fastify/websocket answers the upgrade through a ServerResponse attached to the TCP
 * socket (the response keeps the request and its headers), and its `error` listener on the
 * WebSocket closes over Fastify's request and reply (with their child logger and the reply's
 * headers). Together over half of an idle socket's memory. Gateway.accept adds the gateway's
 * own `error` listener, which does what that one did: log, then terminate.
 */
function forgetUpgrade(socket: WebSocket, tcp: Socket): void {
  const response = (tcp as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (response?.socket === tcp) response.detachSocket(tcp);
  socket.removeAllListeners('error');
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
