import { CreateInviteBody, ErrorResponse, Invite } from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createInvite } from '../../actions/invites/create-invite.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';

export const inviteRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);
  app.post(
    '/invites',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a single-use registration invite code (admins)',
        security: [{ bearer: [] }],
        // No body at all means the defaults (Fastify hands the route `null`).
        body: CreateInviteBody.nullish().transform((b) => b ?? { expiresInHours: 168 }),
        response: { 201: Invite, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createInvite(services, actorOf(request), request.body.expiresInHours)),
  );
};
