import { create as contentDisposition } from 'content-disposition';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { ExportLocks } from '../../actions/export/export-lock.ts';
import { exportData } from '../../actions/export/export-data.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';

/** Seconds a client is told to wait when its export is already running. */
const busyRetryAfter = 60;

/** GET /me/export: the caller's data as a zip, streamed (actions/export/export-data.ts). */
export const exportRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);
  const locks = new ExportLocks(services.redis);

  app.get(
    '/me/export',
    {
      schema: {
        tags: ['me'],
        summary: 'Export my data: a zip of my profile, friends, conversations (JSON and HTML) and uploads',
        description:
          'Streams a zip: profile.json, friends.json, index.html, conversations/{id}/messages.json and ' +
          'index.html for every conversation I am or was in (only while I was a member; direct ones whole; ' +
          'recalled messages without their content), and uploads/ with the files I uploaded. One export ' +
          'per user at a time: another request meanwhile answers 429 rate_limited.',
        security: [{ bearer: [] }],
        produces: ['application/zip'],
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const release = await locks.acquire(actor.user.id);
      if (!release)
        throw new AppError(
          'rate_limited',
          'an export of your data is already running; wait for it to finish',
          {
            retryAfter: busyRetryAfter,
          },
        );
      let zip: Readable | undefined;
      // Freed when the download ends, completes or not; a client that went away also stops
      // the reads behind it (export-data.ts ends them when its stream closes early).
      reply.raw.once('close', () => {
        release();
        if (zip && !zip.readableEnded) zip.destroy();
      });
      try {
        zip = await exportData(services, actor);
      } catch (err) {
        release();
        throw err;
      }
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'application/zip')
        .header(
          'content-disposition',
          contentDisposition(`parley-export-${actor.user.username}-${day}.zip`, { type: 'attachment' }),
        )
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(zip);
    },
  );
};
