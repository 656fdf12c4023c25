import { Conversation, Id, ReadBody, ReadResult, Readers } from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listReaders } from '../../actions/read/list-readers.ts';
import { markRead } from '../../actions/read/mark-read.ts';
import { updatePreferences } from '../../actions/read/update-preferences.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';
import { byId, refusalsFor } from '../refusals.ts';

const common = { tags: ['read state'], security: [{ bearer: [] }] };
const refusals = refusalsFor(400, 401, 403, 404, 429);

/** Read cursors, receipts, and each member's own list settings (pinned, notifications muted). */
export const readStateRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);

  app.post(
    '/conversations/:id/read',
    {
      schema: {
        ...common,
        summary: 'Mark read up to a seq (forward only); my other devices hear read.updated',
        params: byId,
        body: ReadBody,
        response: { 200: ReadResult, ...refusals },
      },
    },
    async (request) => markRead(services, actorOf(request), request.params.id, request.body.seq),
  );

  app.get(
    '/conversations/:id/messages/:seq/readers',
    {
      schema: {
        ...common,
        summary: 'Who has read a message (members who show read receipts; mine must be on)',
        params: z.strictObject({ id: Id, seq: z.coerce.number().int().min(1) }),
        response: { 200: Readers, ...refusals },
      },
    },
    async (request) => listReaders(services, actorOf(request), request.params.id, request.params.seq),
  );

  const preferences = [
    ['pin', 'pinned', 'Pin to the top of my list', 'Unpin'],
    ['mute', 'notificationsMuted', 'Mute notifications (the badge still counts)', 'Unmute notifications'],
  ] as const;
  for (const [path, field, on, off] of preferences) {
    for (const [method, value, summary] of [
      ['PUT', true, on],
      ['DELETE', false, off],
    ] as const) {
      app.route({
        method,
        url: `/conversations/:id/${path}`,
        schema: { ...common, summary, params: byId, response: { 200: Conversation, ...refusals } },
        handler: (request) =>
          updatePreferences(services, actorOf(request), request.params.id, { [field]: value }),
      });
    }
  }
};
