import { ErrorResponse, Id } from '@parley/protocol';
import { create as contentDisposition } from 'content-disposition';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { issueMediaToken } from '../../actions/sessions/issue-media-token.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { maySeeUpload, uploadById } from '../../store/uploads.ts';
import { actorOf, bearerToken, requireSession } from '../authenticate.ts';
import { byteRange } from '../byte-range.ts';
import { mediaActor, mediaCookie } from '../media-session.ts';
import { notModified } from '../not-modified.ts';

/**
 * GET /media/{id} and /media/{id}/thumbnail: an upload's bytes, to those who may see them —
 * its uploader, and members of a conversation where a message shows it (not recalled).
 * Anyone else, and anyone once the message is recalled, gets 404 as if it never existed.
 * Browsers authenticate with the media cookie (POST /api/v1/media/cookie sets it to the
 * session's media-only credential, never the bearer token), other clients with the bearer
 * header. Files are always downloads under their own name (RFC 6266, UTF-8 names as
 * filename*); nothing is ever sniffed or run: nosniff and a sandboxing CSP on every answer. If-None-Match (`*` too) answers 304 before any Range
 * is looked at (RFC 9110 §13.2.2); byte ranges work (resuming, seeking in voice; byte-range.ts).
 */
export const mediaRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const params = z.strictObject({ id: Id });
  const notFound = () => new AppError('not_found', 'no such media');

  const serve = (variant: 'original' | 'thumbnail') =>
    app.get(
      variant === 'original' ? '/media/:id' : '/media/:id/thumbnail',
      {
        schema: {
          tags: ['media'],
          summary: variant === 'original' ? "An upload's bytes" : "An image's thumbnail (WebP)",
          description:
            'Answers 200, or 206 for one byte range (Range units other than bytes are ignored; a suffix longer ' +
            'than the file is the whole file), 304 when If-None-Match names the ETag or is *; 401, 404 or 416 ' +
            'with an error body. Authenticates with the bearer header or the media cookie.',
          security: [{ bearer: [] }, { mediaCookie: [] }],
          produces: variant === 'original' ? ['*/*'] : ['image/webp'],
          params,
        },
      },
      async (request, reply) => {
        const actor = await mediaActor(services, request);
        if (!actor) throw new AppError('unauthenticated', 'sign in first (bearer token or media cookie)');
        const upload = await uploadById(services.store.db, request.params.id);
        if (
          !upload ||
          upload.status !== 'ready' ||
          !(await maySeeUpload(services.store.db, actor.user.id, upload))
        ) {
          throw notFound();
        }
        const sha = variant === 'original' ? upload.blob_sha : upload.thumb_sha;
        const size = sha && (await services.blobs.size(sha));
        if (!sha || typeof size !== 'number') throw notFound();

        const inline = variant === 'thumbnail' || upload.kind !== 'file';
        reply
          .header('x-content-type-options', 'nosniff')
          .header('accept-ranges', 'bytes')
          .header('content-type', variant === 'thumbnail' ? 'image/webp' : upload.mime)
          .header(
            'content-disposition',
            contentDisposition(upload.name, { type: inline ? 'inline' : 'attachment' }),
          )
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cross-origin-resource-policy', 'same-origin')
          .header('cache-control', 'private, no-cache')
          .header('etag', `"${sha}"`);
        if (notModified(request.headers['if-none-match'], `"${sha}"`)) return reply.status(304).send();

        const range = byteRange(size, request.headers.range);
        if (range === 'unsatisfiable') {
          reply.header('content-range', `bytes */${size}`);
          throw new AppError('range_not_satisfiable', `the file has ${size} bytes`);
        }
        if (range === 'whole') {
          reply.header('content-length', size);
          return reply.send(await services.blobs.read(sha));
        }
        const { start, end } = range;
        reply
          .status(206)
          .header('content-range', `bytes ${start}-${end}/${size}`)
          .header('content-length', end - start + 1);
        return reply.send(await services.blobs.read(sha, { start, end }));
      },
    );
  serve('original');
  serve('thumbnail');

  await app.register(async (scope) => {
    requireSession(scope, services);
    scope.post(
      '/api/v1/media/cookie',
      {
        schema: {
          tags: ['media'],
          summary: 'Set the media cookie, so <img> and <audio> can load /media',
          description:
            'Sets parley_media (HttpOnly, SameSite=Strict, Path=/media) to a credential made for this ' +
            'session that is not the bearer token: it is accepted only by the /media routes (never as a ' +
            'bearer token on the API or in the WebSocket hello) and stops working when the session ends ' +
            '(sign-out, revocation, idle expiry). Asking again gives the same value.',
          security: [{ bearer: [] }],
          response: { 204: z.null(), 401: ErrorResponse, 429: ErrorResponse },
        },
      },
      async (request, reply) => {
        const mediaToken = await issueMediaToken(services, actorOf(request), bearerToken(request)!);
        reply.setCookie(mediaCookie, mediaToken, {
          path: '/media',
          httpOnly: true,
          sameSite: 'strict',
          secure: request.protocol === 'https',
          maxAge: services.config.sessionIdleDays * 24 * 3600,
        });
        return reply.status(204).send(null);
      },
    );
  });
};
