import { ErrorResponse, Id } from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { visibleOnline } from '../../actions/presence/visible-online.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';

/**
 * Who I may see online now — what `hello` answers, on demand. Clients ask again when the set
 * of people they may see changes (a new friend or group, a friend removed, a block), since
 * presence events only report changes.
 */
export const presenceRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);
  app.get(
    '/presence',
    {
      schema: {
        tags: ['presence'],
        summary: 'The users I may see who are online now',
        security: [{ bearer: [] }],
        response: { 200: z.object({ online: z.array(Id) }), 401: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request) => ({ online: await visibleOnline(services, actorOf(request).user.id) }),
  );
};
