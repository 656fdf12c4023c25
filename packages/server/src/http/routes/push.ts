import { ErrorResponse, PushSubscriptionBody, PushSubscriptionState } from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deleteSessionSubscription } from '../../actions/push/delete-subscription.ts';
import { saveSessionSubscription } from '../../actions/push/save-subscription.ts';
import { showSessionSubscription } from '../../actions/push/show-subscription.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';

const common = { tags: ['me'], security: [{ bearer: [] }] };
const refusals = { 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse };

/**
 * This device session's Web Push subscription (PROTOCOL.md, "Push notifications"). The server's
 * VAPID public key, which the browser subscribes with, is in `GET /server`.
 */
export const pushRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);

  app.get(
    '/me/push-subscription',
    {
      schema: {
        ...common,
        summary: "Where this session's pushes go (endpoint null: none)",
        response: { 200: PushSubscriptionState, ...refusals },
      },
    },
    async (request) => showSessionSubscription(services, actorOf(request)),
  );

  app.put(
    '/me/push-subscription',
    {
      schema: {
        ...common,
        summary: "Push this session's direct messages and mentions here while it has no socket open",
        body: PushSubscriptionBody,
        response: { 204: z.null(), ...refusals },
      },
    },
    async (request, reply) => {
      await saveSessionSubscription(services, actorOf(request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/me/push-subscription',
    {
      schema: {
        ...common,
        summary: 'No more pushes to this session',
        response: { 204: z.null(), ...refusals },
      },
    },
    async (request, reply) => {
      await deleteSessionSubscription(services, actorOf(request));
      return reply.status(204).send(null);
    },
  );
};
