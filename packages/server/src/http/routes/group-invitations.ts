import {
  Conversation,
  GroupInvitationList,
  InviteToGroupBody,
  InviteToGroupResult,
  JoinGroupBody,
  JoinGroupResult,
  JoinRequest,
  JoinRequestList,
} from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { acceptGroupInvitation } from '../../actions/groups/accept-invitation.ts';
import { approveJoinRequest } from '../../actions/groups/approve-join-request.ts';
import { declineGroupInvitation } from '../../actions/groups/decline-invitation.ts';
import { inviteToGroup } from '../../actions/groups/invite-to-group.ts';
import { joinGroup } from '../../actions/groups/join-group.ts';
import { listGroupInvitations } from '../../actions/groups/list-invitations.ts';
import { listJoinRequests } from '../../actions/groups/list-join-requests.ts';
import { rejectJoinRequest } from '../../actions/groups/reject-join-request.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';
import { byId, noContent, refusals, security } from './group-schemas.ts';

/**
 * The ways into a group: a member invites a friend, who accepts or declines; or someone joins
 * an open group, or asks to join an approval group and the owner or an admin decides.
 */
export const groupInvitationRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  requireSession(app, services);
  const invitations = { tags: ['group invitations'], security };
  const joining = { tags: ['join requests'], security };

  app.post(
    '/groups/:id/invitations',
    {
      schema: {
        ...invitations,
        summary: 'Invite friends (or add them at once, in invite mode "direct")',
        params: byId,
        body: InviteToGroupBody,
        response: { 200: InviteToGroupResult, ...refusals },
      },
    },
    async (request) => inviteToGroup(services, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/group-invitations',
    {
      schema: {
        ...invitations,
        summary: 'My pending invitations',
        response: { 200: GroupInvitationList, ...refusals },
      },
    },
    async (request) => listGroupInvitations(services, actorOf(request)),
  );

  app.post(
    '/group-invitations/:id/accept',
    {
      schema: {
        ...invitations,
        summary: 'Accept an invitation and join the group',
        params: byId,
        response: { 200: Conversation, ...refusals },
      },
    },
    async (request) => acceptGroupInvitation(services, actorOf(request), request.params.id),
  );

  app.post(
    '/group-invitations/:id/decline',
    { schema: { ...invitations, summary: 'Decline an invitation', params: byId, response: noContent } },
    async (request, reply) => {
      await declineGroupInvitation(services, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/groups/:id/join',
    {
      schema: {
        ...joining,
        summary: 'Join an open group or the lobby (200), or ask to join an approval group (202)',
        params: byId,
        // A join without a note may come with no body at all.
        body: JoinGroupBody.nullish(),
        response: { 200: JoinGroupResult, 202: JoinGroupResult, ...refusals },
      },
    },
    async (request, reply) => {
      const body = request.body ?? { note: '' };
      const result = await joinGroup(services, actorOf(request), request.params.id, body);
      return reply.status(result.status === 'joined' ? 200 : 202).send(result);
    },
  );

  app.get(
    '/groups/:id/join-requests',
    {
      schema: {
        ...joining,
        summary: 'Pending join requests, oldest first (owner or admin)',
        params: byId,
        response: { 200: JoinRequestList, ...refusals },
      },
    },
    async (request) => listJoinRequests(services, actorOf(request), request.params.id),
  );

  for (const [verb, decide] of [
    ['approve', approveJoinRequest],
    ['reject', rejectJoinRequest],
  ] as const) {
    app.post(
      `/join-requests/:id/${verb}`,
      {
        schema: {
          ...joining,
          summary: `${verb === 'approve' ? 'Approve' : 'Reject'} a join request (owner or admin)`,
          params: byId,
          response: { 200: JoinRequest, ...refusals },
        },
      },
      async (request) => decide(services, actorOf(request), request.params.id),
    );
  }
};
