import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';

/**
 * GET /avatars/{sha-256}: a user's or group's avatar, public (anyone may see a profile
 * picture, as in every messenger) and named by its hash, so it never changes and browsers
 * keep it for a year. Only hashes that are somebody's avatar are served: the blob store
 * holds private files too.
 */
export const avatarRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/avatars/:sha',
    {
      schema: {
        tags: ['media'],
        summary: 'An avatar (WebP, 256 or 64 px), cached for good',
        security: [],
        produces: ['image/webp'],
        params: z.strictObject({ sha: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex') }),
      },
    },
    async (request, reply) => {
      const { sha } = request.params;
      const db = services.store.db;
      const usedBy = (table: 'users' | 'conversations') =>
        db
          .selectFrom(table)
          .select('id')
          .where((eb) => eb.or([eb('avatar', '=', sha), eb('avatar_small', '=', sha)]))
          .limit(1)
          .executeTakeFirst();
      const size =
        (await usedBy('users')) || (await usedBy('conversations')) ? await services.blobs.size(sha) : null;
      if (size === null) throw new AppError('not_found', 'no such avatar');
      return reply
        .header('content-type', 'image/webp')
        .header('content-length', size)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('etag', `"${sha}"`)
        .send(await services.blobs.read(sha));
    },
  );
};
