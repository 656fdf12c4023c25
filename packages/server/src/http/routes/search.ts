import { ErrorResponse, SearchMessagesPage, SearchMessagesQuery } from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchMessages } from '../../actions/search/search-messages.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';

const refusals = { 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse };

/** Message search; how matching, short queries and paging work is in actions/search/search-messages.ts. */
export const searchRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);

  app.get(
    '/search/messages',
    {
      schema: {
        tags: ['search'],
        summary: 'Find messages containing a text (any script, any letter case), newest first',
        security: [{ bearer: [] }],
        querystring: SearchMessagesQuery,
        response: { 200: SearchMessagesPage, ...refusals },
      },
    },
    async (request) => searchMessages(services, actorOf(request), request.query),
  );
};
