import { ReportMessageBody } from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reportMessage } from '../../actions/admin/report-message.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';
import { byId, refusalsFor } from '../refusals.ts';

/** A member reports a message to the server's admins (issue 16). */
export const reportRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);

  app.post(
    '/messages/:id/report',
    {
      schema: {
        tags: ['messages'],
        security: [{ bearer: [] }],
        summary: 'Report a message I can see to the server’s admins, once (not my own)',
        params: byId,
        body: ReportMessageBody,
        response: { 204: z.null(), ...refusalsFor(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      await reportMessage(services, actorOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
};
