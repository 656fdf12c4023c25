import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { AppError } from '../errors.ts';
import type { Gateway } from './gateway.ts';

/**
 * GET /ws: the live connection. Browsers send an Origin header; a page from another site must
 * not open a socket with a user's token (cross-site WebSocket hijacking), so the origin must
 * be the server's own or one listed in PARLEY_ALLOWED_ORIGINS — the whole origin, scheme, host
 * and port: `http://chat.example.com` is another site than `https://chat.example.com` (a
 * network attacker can serve the first), and so is another port on the same host (another
 * program). Non-browser clients send no Origin and are let through.
 */
export function registerGatewayRoute(app: FastifyInstance, gateway: Gateway, allowedOrigins: string[]): void {
  const allowed = new Set(allowedOrigins.map(originOf));
  app.get(
    '/ws',
    {
      websocket: true,
      schema: { hide: true },
      // The upgrade's answer (101) is no page: a browser applies none of helmet's headers
      // (content security policy, framing, sniffing) to a socket, and they cost each connect
      // about a twentieth of its CPU (bench/connect/hello.ts).
      helmet: false,
      preValidation: async (request) => {
        if (!originAllowed(request, allowed)) {
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

function originAllowed(request: FastifyRequest, allowed: Set<string | null>): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const theirs = originOf(origin);
  if (theirs === null) return false;
  return theirs === ownOrigin(request) || allowed.has(theirs);
}

/**
 * The origin the browser sees this server at: the scheme it was reached by and the Host it was
 * asked for. Behind a proxy named in PARLEY_TRUST_PROXY, Fastify takes both from the proxy's
 * X-Forwarded-Proto and X-Forwarded-Host; from anyone else those headers are ignored.
 */
function ownOrigin(request: FastifyRequest): string | null {
  return originOf(`${request.protocol}://${request.host}`);
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
