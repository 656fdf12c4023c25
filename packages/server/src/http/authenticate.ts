import type { FastifyInstance, FastifyRequest } from 'fastify';
import { limits } from '@parley/protocol';
import { type Actor, accessSession } from '../access/session.ts';
import { AppError } from '../errors.ts';
import type { Services } from '../services.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/**
 * Makes every route registered in `scope` require `Authorization: Bearer <token>` of a live
 * session; the route then reads the caller with `actorOf(request)`.
 *
 * After an admin reset the user's password (users.password_reset_at), the session they open
 * with the temporary password reaches only the routes of `whileResetPending`; every other
 * answers `password_change_required`. Checked here, once, so no route can forget it (the
 * gateway's hello refuses such a session too: gateway/frames/hello.ts).
 */
export function requireSession(scope: FastifyInstance, services: Services): void {
  scope.addHook('onRequest', async (request) => {
    const token = bearerToken(request);
    if (!token) throw new AppError('unauthenticated', 'sign in first: send Authorization: Bearer <token>');
    const actor = await accessSession(services, token);
    if (!actor) throw new AppError('unauthenticated', 'the session has ended; sign in again');
    await services.sessionRateLimit.consume(actor.session.id);
    if (
      actor.user.password_reset_at !== null &&
      !whileResetPending.has(`${request.method} ${request.routeOptions.url}`)
    ) {
      throw new AppError('password_change_required', 'choose a new password first: POST /api/v1/me/password');
    }
    request.actor = actor;
  });
}

/**
 * What a user whose password an admin reset may still do: see who they are, set a password of
 * their own (with the temporary one as `currentPassword`), or sign out. GET /server and
 * /health need no session at all.
 */
const whileResetPending = new Set(['GET /api/v1/me', 'POST /api/v1/me/password', 'POST /api/v1/auth/logout']);

/**
 * requireSession, and the caller must be a server admin (users.role; the first account is
 * one): the admin console's routes (issue 16). Everyone else is refused `forbidden`.
 */
export function requireServerAdmin(scope: FastifyInstance, services: Services): void {
  requireSession(scope, services);
  scope.addHook('onRequest', async (request) => {
    if (actorOf(request).user.role !== 'admin') throw new AppError('forbidden', 'only an admin can do this');
  });
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'sign in first');
  return request.actor;
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header && /^Bearer ([A-Za-z0-9_-]+)$/.exec(header);
  return match && match[1]!.length <= limits.tokenMax ? match[1]! : null;
}

export function clientInfoOf(request: FastifyRequest): { ip: string; userAgent: string | null } {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}
