import type { FastifyRequest } from 'fastify';
import { type Actor, accessSession } from '../access/session.ts';
import type { Services } from '../services.ts';
import { bearerToken } from './authenticate.ts';

/** The cookie a browser sends with <img>/<audio> requests for /media (HttpOnly, this path only). */
export const mediaCookie = 'parley_media';

/**
 * The caller of an image GET, or null: the bearer header, or the media cookie an <img> sends
 * (Path=/media, so only under /media). For routes that also answer without a session.
 */
export async function mediaActor(services: Services, request: FastifyRequest): Promise<Actor | null> {
  const token = bearerToken(request) ?? request.cookies[mediaCookie];
  return token ? accessSession(services, token) : null;
}
