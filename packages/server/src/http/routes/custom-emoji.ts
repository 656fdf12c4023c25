import { CustomEmoji, SetCustomEmojiBody, Shortcode } from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deleteCustomEmoji } from '../../actions/stickers/delete-custom-emoji.ts';
import { setCustomEmoji } from '../../actions/stickers/set-custom-emoji.ts';
import { presentCustomEmoji } from '../../presenters/stickers.ts';
import type { Services } from '../../services.ts';
import { allCustomEmoji } from '../../store/custom-emoji.ts';
import { actorOf, requireSession } from '../authenticate.ts';
import { refusalsFor } from '../refusals.ts';

const common = { tags: ['stickers'], security: [{ bearer: [] }] };
const byShortcode = z.strictObject({ shortcode: Shortcode });

/**
 * Custom emoji: images that `:shortcode:` in message text names. Clients fetch the list and
 * draw them; the server never rewrites text. Admins add, replace and remove them.
 */
export const customEmojiRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);

  app.get(
    '/custom-emoji',
    {
      schema: {
        ...common,
        summary: "The server's custom emoji, by shortcode",
        response: { 200: z.array(CustomEmoji), ...refusalsFor(401, 429) },
      },
    },
    async () => (await allCustomEmoji(services.store.db)).map(presentCustomEmoji),
  );

  app.put(
    '/custom-emoji/:shortcode',
    {
      schema: {
        ...common,
        summary: 'Add or replace a custom emoji, made from my image upload (admins)',
        params: byShortcode,
        body: SetCustomEmojiBody,
        response: { 200: CustomEmoji, ...refusalsFor(400, 401, 403, 404, 409, 413, 415, 429) },
      },
    },
    async (request) =>
      setCustomEmoji(services, actorOf(request), request.params.shortcode, request.body.uploadId),
  );

  app.delete(
    '/custom-emoji/:shortcode',
    {
      schema: {
        ...common,
        summary: 'Remove a custom emoji (admins)',
        params: byShortcode,
        response: { 204: z.null(), ...refusalsFor(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      await deleteCustomEmoji(services, actorOf(request), request.params.shortcode);
      return reply.status(204).send(null);
    },
  );
};
