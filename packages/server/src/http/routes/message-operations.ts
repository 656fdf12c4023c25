import {
  EditMessageBody,
  ForwardMessageBody,
  ForwardResult,
  HideMessagesBody,
  Id,
  Message,
  ReactionChanged,
  ReactionEmoji,
} from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { editMessage } from '../../actions/messages/edit-message.ts';
import { hideMessages } from '../../actions/messages/hide-messages.ts';
import { forwardMessage } from '../../actions/messages/forward-message.ts';
import { reactToMessage } from '../../actions/messages/react-to-message.ts';
import { recallMessage } from '../../actions/messages/recall-message.ts';
import { removeReaction } from '../../actions/messages/remove-reaction.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';
import { byId, refusalsFor } from '../refusals.ts';

const common = { tags: ['messages'], security: [{ bearer: [] }] };
const refusals = refusalsFor(400, 401, 403, 404, 409, 413, 429);
/** The emoji arrives percent-encoded in the path; Fastify decodes it before validation. */
const byReaction = z.strictObject({ id: Id, emoji: ReactionEmoji });

/** What can be done to a message once sent: edit, recall, react, forward (PROTOCOL.md). */
export const messageOperationsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  requireSession(app, services);

  app.patch(
    '/messages/:id',
    {
      schema: {
        ...common,
        summary: 'Edit my text message; members get message.updated',
        params: byId,
        body: EditMessageBody,
        response: { 200: Message, ...refusals },
      },
    },
    async (request) => editMessage(services, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/messages/hide',
    {
      schema: {
        ...common,
        summary: 'Delete messages for me: gone from my own view on every device, not from anyone else’s',
        body: HideMessagesBody,
        response: { 204: z.null(), ...refusals },
      },
    },
    async (request, reply) => {
      await hideMessages(services, actorOf(request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/messages/:id/recall',
    {
      schema: {
        ...common,
        summary: 'Recall a message: its content leaves the server, a tombstone stays',
        params: byId,
        response: { 200: Message, ...refusals },
      },
    },
    async (request) => recallMessage(services, actorOf(request), request.params.id),
  );

  app.put(
    '/messages/:id/reactions/:emoji',
    {
      schema: {
        ...common,
        summary: 'Put my emoji on a message (idempotent)',
        params: byReaction,
        response: { 200: ReactionChanged, ...refusals },
      },
    },
    async (request) => reactToMessage(services, actorOf(request), request.params.id, request.params.emoji),
  );

  app.delete(
    '/messages/:id/reactions/:emoji',
    {
      schema: {
        ...common,
        summary: 'Take my emoji off a message (idempotent)',
        params: byReaction,
        response: { 200: ReactionChanged, ...refusals },
      },
    },
    async (request) => removeReaction(services, actorOf(request), request.params.id, request.params.emoji),
  );

  app.post(
    '/messages/:id/forward',
    {
      schema: {
        ...common,
        summary: 'Forward a message to up to forwardTargetsMax conversations; retries store nothing twice',
        params: byId,
        body: ForwardMessageBody,
        response: { 201: ForwardResult, ...refusals },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await forwardMessage(services, actorOf(request), request.params.id, request.body)),
  );
};
