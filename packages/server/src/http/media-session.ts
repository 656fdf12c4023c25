import type { FastifyRequest } from 'fastify';
import { type Actor, accessMediaSession, accessSession } from '../access/session.ts';
import type { Services } from '../services.ts';
import { bearerToken } from './authenticate.ts';

/**
 * The cookie a browser sends with <img>/<audio> requests for /media (HttpOnly, this path only).
 * It holds the session's media credential (auth/tokens.ts `mediaTokenOf`), never the bearer
 * token: a leaked cookie opens the caller's media and nothing else, and only while the session
 * lives.
 */
export const mediaCookie = 'parley_media';

/**
 * The caller of an image GET, or null: the bearer header, or the media cookie an <img> sends
 * (Path=/media, so only under /media). For routes that also answer without a session.
 */
export async function mediaActor(services: Services, request: FastifyRequest): Promise<Actor | null> {
  const token = bearerToken(request);
  if (token) return accessSession(services, token);
  const mediaToken = request.cookies[mediaCookie];
  return mediaToken ? accessMediaSession(services, mediaToken) : null;
}
