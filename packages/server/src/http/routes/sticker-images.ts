import { Id, Shortcode } from '@parley/protocol';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { customEmojiByShortcode } from '../../store/custom-emoji.ts';
import { maySeeSticker, stickerById } from '../../store/stickers.ts';
import { mediaActor } from '../media-session.ts';
import { notModified } from '../not-modified.ts';

/**
 * The images of stickers and custom emoji, WebP made by the server (never an uploaded file
 * as it came), with nosniff and a sandboxing CSP like every media answer.
 * - GET /stickers/{id} and /media/stickers/{id} (one handler; personal stickers' URLs use the
 *   second, where browsers send the media cookie): a pack sticker to anyone, cached for good (a
 *   sticker's image never changes); a personal one only to who may see it (store/stickers.ts
 *   maySeeSticker) — without a session 401, anyone else 404 as if it did not exist.
 * - GET /emoji/{shortcode}: public, cached five minutes, since an admin may replace it.
 */
export const stickerImageRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const db = services.store.db;
  const notFound = () => new AppError('not_found', 'no such sticker');

  for (const url of ['/stickers/:id', '/media/stickers/:id']) {
    app.get(
      url,
      {
        schema: {
          tags: ['stickers'],
          summary: "A sticker's image (WebP)",
          description: 'Pack stickers need no session; personal ones the bearer header or the media cookie.',
          security: [{}, { bearer: [] }, { mediaCookie: [] }],
          produces: ['image/webp'],
          params: z.strictObject({ id: Id }),
        },
      },
      async (request, reply) => {
        const sticker = await stickerById(db, request.params.id);
        const isPublic = sticker !== undefined && sticker.pack_id !== null;
        if (!isPublic) {
          const actor = await mediaActor(services, request);
          if (!actor) throw new AppError('unauthenticated', 'sign in first (bearer token or media cookie)');
          if (!sticker || !(await maySeeSticker(db, actor.user.id, sticker))) throw notFound();
        }
        const cache = isPublic ? 'public, max-age=31536000, immutable' : 'private, no-cache';
        return serveImage(reply, sticker!.blob_sha, sticker!.mime, cache, notFound);
      },
    );
  }

  app.get(
    '/emoji/:shortcode',
    {
      schema: {
        tags: ['stickers'],
        summary: "A custom emoji's image (WebP), public",
        security: [],
        produces: ['image/webp'],
        params: z.strictObject({ shortcode: Shortcode }),
      },
    },
    async (request, reply) => {
      const notFound = () => new AppError('not_found', 'no such custom emoji');
      const emoji = await customEmojiByShortcode(db, request.params.shortcode);
      if (!emoji) throw notFound();
      return serveImage(reply, emoji.blob_sha, emoji.mime, 'public, max-age=300', notFound);
    },
  );

  async function serveImage(
    reply: FastifyReply,
    sha: string,
    mime: string,
    cache: string,
    notFound: () => AppError,
  ): Promise<FastifyReply> {
    const size = await services.blobs.size(sha);
    if (size === null) throw notFound();
    reply
      .header('content-type', mime)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', cache)
      .header('etag', `"${sha}"`);
    if (notModified(reply.request.headers['if-none-match'], `"${sha}"`)) return reply.status(304).send();
    return reply.header('content-length', size).send(await services.blobs.read(sha));
  }
};
