import { Conversation, Member, TransferGroupBody, UpdateGroupMemberBody } from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { kickMember } from '../../actions/groups/kick-member.ts';
import { leaveGroup } from '../../actions/groups/leave-group.ts';
import { transferGroup } from '../../actions/groups/transfer-group.ts';
import { updateGroupMember } from '../../actions/groups/update-member.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';
import { byId, byMember, noContent, refusals, security } from './group-schemas.ts';

const common = { tags: ['group members'], security };

/**
 * A group's members: remove one, change their role or mute them, leave, hand the group on.
 * (The member list itself is GET /conversations/:id/members, as for every conversation.)
 */
export const groupMemberRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);

  app.delete(
    '/groups/:id/members/:userId',
    {
      schema: {
        ...common,
        summary: 'Remove a member (owner or admin)',
        params: byMember,
        response: noContent,
      },
    },
    async (request, reply) => {
      await kickMember(services, actorOf(request), request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.patch(
    '/groups/:id/members/:userId',
    {
      schema: {
        ...common,
        summary: "Change a member's role (owner) or mute them (owner or admin)",
        params: byMember,
        body: UpdateGroupMemberBody,
        response: { 200: Member, ...refusals },
      },
    },
    async (request) =>
      updateGroupMember(services, actorOf(request), request.params.id, request.params.userId, request.body),
  );

  app.post(
    '/groups/:id/leave',
    { schema: { ...common, summary: 'Leave a group or the lobby', params: byId, response: noContent } },
    async (request, reply) => {
      await leaveGroup(services, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/groups/:id/transfer',
    {
      schema: {
        ...common,
        summary: 'Hand the group to another member (owner); I stay on as an admin',
        params: byId,
        body: TransferGroupBody,
        response: { 200: Conversation, ...refusals },
      },
    },
    async (request) => transferGroup(services, actorOf(request), request.params.id, request.body.userId),
  );
};
