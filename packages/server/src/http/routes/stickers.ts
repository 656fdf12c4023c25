import {
  AddPackStickerBody,
  AddStickerBody,
  CreateStickerPackBody,
  Sticker,
  StickerCollection,
  StickerPack,
} from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addPackSticker } from '../../actions/stickers/add-pack-sticker.ts';
import { addSticker } from '../../actions/stickers/add-sticker.ts';
import { createStickerPack } from '../../actions/stickers/create-sticker-pack.ts';
import { deleteStickerPack } from '../../actions/stickers/delete-sticker-pack.ts';
import { listStickers } from '../../actions/stickers/list-stickers.ts';
import { removeSticker } from '../../actions/stickers/remove-sticker.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';
import { byId, refusalsFor } from '../refusals.ts';
import { customEmojiRoutes } from './custom-emoji.ts';

export { stickerImageRoutes } from './sticker-images.ts';

const common = { tags: ['stickers'], security: [{ bearer: [] }] };

/** The caller's collection (GET, POST, DELETE /stickers) and the packs admins publish. */
const collectionAndPackRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);

  app.get(
    '/stickers',
    {
      schema: {
        ...common,
        summary: "The server's sticker packs and my collection",
        response: { 200: StickerCollection, ...refusalsFor(401, 429) },
      },
    },
    async (request) => listStickers(services, actorOf(request)),
  );

  app.post(
    '/stickers',
    {
      schema: {
        ...common,
        summary: 'Add a sticker to my collection: made from my image upload, or the one a message shows',
        description: '201 when added, 200 when it was in the collection already.',
        body: AddStickerBody,
        response: { 200: Sticker, 201: Sticker, ...refusalsFor(400, 401, 404, 409, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const { sticker, added } = await addSticker(services, actorOf(request), request.body);
      return reply.status(added ? 201 : 200).send(sticker);
    },
  );

  app.delete(
    '/stickers/:id',
    {
      schema: {
        ...common,
        summary: 'Take a sticker out of my collection',
        params: byId,
        response: { 204: z.null(), ...refusalsFor(400, 401, 404, 429) },
      },
    },
    async (request, reply) => {
      await removeSticker(services, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/sticker-packs',
    {
      schema: {
        ...common,
        summary: 'Create a server sticker pack (admins)',
        body: CreateStickerPackBody,
        response: { 201: StickerPack, ...refusalsFor(400, 401, 403, 429) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createStickerPack(services, actorOf(request), request.body.name)),
  );

  app.post(
    '/sticker-packs/:id/stickers',
    {
      schema: {
        ...common,
        summary: 'Add a sticker made from my image upload to a server pack (admins)',
        params: byId,
        body: AddPackStickerBody,
        response: { 201: Sticker, ...refusalsFor(400, 401, 403, 404, 409, 413, 415, 429) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addPackSticker(services, actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/sticker-packs/:id',
    {
      schema: {
        ...common,
        summary: 'Delete a server sticker pack (admins; not the built-in one)',
        params: byId,
        response: { 204: z.null(), ...refusalsFor(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      await deleteStickerPack(services, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};

/**
 * Stickers: the server's packs and each user's own collection, the packs admins publish
 * (/sticker-packs), and custom emoji (custom-emoji.ts). The images are served by
 * sticker-images.ts. See PROTOCOL.md "Stickers and custom emoji".
 */
export const stickerRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  await app.register(collectionAndPackRoutes, { services });
  await app.register(customEmojiRoutes, { services });
};
