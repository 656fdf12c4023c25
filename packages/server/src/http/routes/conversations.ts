import {
  ConversationList,
  Conversation,
  Id,
  MemberList,
  MessageChanges,
  MessagePage,
  OnlineMembers,
  limits,
} from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listConversations } from '../../actions/conversations/list-conversations.ts';
import { listMembers } from '../../actions/conversations/list-members.ts';
import { pageChanges } from '../../actions/conversations/page-changes.ts';
import { openDirectConversation } from '../../actions/conversations/open-direct.ts';
import { pageMessages } from '../../actions/conversations/page-messages.ts';
import { showConversation } from '../../actions/conversations/show-conversation.ts';
import { listOnlineIn } from '../../actions/presence/list-online-in.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';
import { byId, refusalsFor } from '../refusals.ts';

const common = { tags: ['conversations'], security: [{ bearer: [] }] };
const refusals = refusalsFor(400, 401, 403, 404, 429);

/** Conversations of every kind the caller is in: direct, group and the lobby. */
export const conversationRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  requireSession(app, services);

  app.get(
    '/conversations',
    {
      schema: {
        ...common,
        summary: 'My conversations, latest activity first',
        response: { 200: ConversationList, ...refusals },
      },
    },
    async (request) => listConversations(services, actorOf(request)),
  );

  app.post(
    '/conversations/direct',
    {
      schema: {
        ...common,
        summary: 'Open (or reuse) my direct conversation with a user',
        body: z.strictObject({ userId: Id }),
        response: { 200: Conversation, ...refusals },
      },
    },
    async (request) => openDirectConversation(services, actorOf(request), request.body.userId),
  );

  app.get(
    '/conversations/:id',
    {
      schema: {
        ...common,
        summary: 'One of my conversations',
        params: byId,
        response: { 200: Conversation, ...refusals },
      },
    },
    async (request) => showConversation(services, actorOf(request), request.params.id),
  );

  app.get(
    '/conversations/:id/members',
    {
      schema: {
        ...common,
        summary: 'Members of one of my conversations',
        params: byId,
        response: { 200: MemberList, ...refusals },
      },
    },
    async (request) => listMembers(services, actorOf(request), request.params.id),
  );

  app.get(
    '/conversations/:id/online',
    {
      schema: {
        ...common,
        summary: 'Members of one of my conversations who are online now and whom I may see',
        params: byId,
        response: { 200: OnlineMembers, ...refusals },
      },
    },
    async (request) => listOnlineIn(services, actorOf(request), request.params.id),
  );

  app.get(
    '/conversations/:id/messages',
    {
      schema: {
        ...common,
        summary: 'A page of history, oldest first: the newest, before a seq, or after a seq',
        params: byId,
        querystring: z
          .strictObject({
            before: z.coerce.number().int().min(1).optional(),
            after: z.coerce.number().int().min(0).optional(),
            limit: z.coerce.number().int().min(1).max(limits.historyPageMax).default(limits.pageSizeDefault),
          })
          .refine((q) => q.before === undefined || q.after === undefined, 'give before or after, not both'),
        response: { 200: MessagePage, ...refusals },
      },
    },
    async (request) => pageMessages(services, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/conversations/:id/changes',
    {
      schema: {
        ...common,
        summary: 'Messages edited, recalled or reacted to after a rev, each once as it is now, by rev',
        params: byId,
        querystring: z.strictObject({
          sinceRev: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(limits.historyPageMax).default(limits.historyPageMax),
        }),
        response: { 200: MessageChanges, ...refusals },
      },
    },
    async (request) => pageChanges(services, actorOf(request), request.params.id, request.query),
  );
};
