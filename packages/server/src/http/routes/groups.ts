import {
  Conversation,
  CreateGroupBody,
  ErrorResponse,
  GroupInvitationList,
  GroupPage,
  GroupSummary,
  Id,
  InviteToGroupBody,
  InviteToGroupResult,
  JoinGroupBody,
  JoinGroupResult,
  JoinRequest,
  JoinRequestList,
  Member,
  SearchGroupsQuery,
  TransferGroupBody,
  UpdateGroupBody,
  UpdateGroupMemberBody,
} from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptGroupInvitation } from '../../actions/groups/accept-invitation.ts';
import { approveJoinRequest } from '../../actions/groups/approve-join-request.ts';
import { createGroup } from '../../actions/groups/create-group.ts';
import { declineGroupInvitation } from '../../actions/groups/decline-invitation.ts';
import { dissolveGroup } from '../../actions/groups/dissolve-group.ts';
import { inviteToGroup } from '../../actions/groups/invite-to-group.ts';
import { joinGroup } from '../../actions/groups/join-group.ts';
import { kickMember } from '../../actions/groups/kick-member.ts';
import { leaveGroup } from '../../actions/groups/leave-group.ts';
import { listGroupInvitations } from '../../actions/groups/list-invitations.ts';
import { listJoinRequests } from '../../actions/groups/list-join-requests.ts';
import { previewGroup } from '../../actions/groups/preview-group.ts';
import { rejectJoinRequest } from '../../actions/groups/reject-join-request.ts';
import { searchGroups } from '../../actions/groups/search-groups.ts';
import { transferGroup } from '../../actions/groups/transfer-group.ts';
import { updateGroup } from '../../actions/groups/update-group.ts';
import { updateGroupMember } from '../../actions/groups/update-member.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';

const common = { tags: ['groups'], security: [{ bearer: [] }] };
const refusals = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};
const byId = z.strictObject({ id: Id });
const byMember = z.strictObject({ id: Id, userId: Id });
const noContent = { 204: z.null(), ...refusals };

/**
 * Groups: make, find, join, invite, decide, manage, leave, dissolve. Each route parses,
 * calls one action (which checks access and acts in one transaction) and answers.
 * The rules and events are in PROTOCOL.md, "Groups".
 */
export const groupRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);

  app.post(
    '/groups',
    {
      schema: {
        ...common,
        summary: 'Make a group with me as owner, adding friends at once',
        body: CreateGroupBody,
        response: { 201: Conversation, ...refusals },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createGroup(services, actorOf(request), request.body)),
  );

  app.get(
    '/groups',
    {
      schema: {
        ...common,
        summary: 'Find groups by name (invite-only groups are never listed)',
        querystring: SearchGroupsQuery,
        response: { 200: GroupPage, ...refusals },
      },
    },
    async (request) => searchGroups(services, request.query),
  );

  app.get(
    '/groups/:id/preview',
    {
      schema: {
        ...common,
        summary: 'What a group is, before joining it',
        params: byId,
        response: { 200: GroupSummary, ...refusals },
      },
    },
    async (request) => previewGroup(services, actorOf(request), request.params.id),
  );

  app.patch(
    '/groups/:id',
    {
      schema: {
        ...common,
        summary: "Change a group's name, description or settings (owner or admin)",
        params: byId,
        body: UpdateGroupBody,
        response: { 200: Conversation, ...refusals },
      },
    },
    async (request) => updateGroup(services, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/groups/:id',
    { schema: { ...common, summary: 'Dissolve a group (owner)', params: byId, response: noContent } },
    async (request, reply) => {
      await dissolveGroup(services, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/groups/:id/invitations',
    {
      schema: {
        ...common,
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
        ...common,
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
        ...common,
        summary: 'Accept an invitation and join the group',
        params: byId,
        response: { 200: Conversation, ...refusals },
      },
    },
    async (request) => acceptGroupInvitation(services, actorOf(request), request.params.id),
  );

  app.post(
    '/group-invitations/:id/decline',
    { schema: { ...common, summary: 'Decline an invitation', params: byId, response: noContent } },
    async (request, reply) => {
      await declineGroupInvitation(services, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/groups/:id/join',
    {
      schema: {
        ...common,
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
        ...common,
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
          ...common,
          summary: `${verb === 'approve' ? 'Approve' : 'Reject'} a join request (owner or admin)`,
          params: byId,
          response: { 200: JoinRequest, ...refusals },
        },
      },
      async (request) => decide(services, actorOf(request), request.params.id),
    );
  }

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
