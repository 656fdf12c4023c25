import { Id, MessageAck, SendMessageBody } from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendMessage } from '../../actions/messages/send-message.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';
import { refusalsFor } from '../refusals.ts';

const refusals = refusalsFor(400, 401, 403, 404, 409, 413, 429);

/** Sending over REST, for bots and scripts: the same contract as the socket's `message.send`. */
export const messageRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);

  app.post(
    '/conversations/:id/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'Send a message; a retried clientMsgId answers the first ack and stores nothing',
        security: [{ bearer: [] }],
        params: z.strictObject({ id: Id }),
        body: SendMessageBody,
        response: { 201: MessageAck, ...refusals },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await sendMessage(services, actorOf(request), request.params.id, request.body)),
  );
};
