import {
  Conversation,
  CreateGroupBody,
  GroupPage,
  GroupSummary,
  SearchGroupsQuery,
  SetAnnouncementBody,
  SetAvatarBody,
  UpdateGroupBody,
} from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createGroup } from '../../actions/groups/create-group.ts';
import { dissolveGroup } from '../../actions/groups/dissolve-group.ts';
import { previewGroup } from '../../actions/groups/preview-group.ts';
import { searchGroups } from '../../actions/groups/search-groups.ts';
import { setAnnouncement } from '../../actions/groups/set-announcement.ts';
import { setGroupAvatar } from '../../actions/groups/set-group-avatar.ts';
import { updateGroup } from '../../actions/groups/update-group.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';
import { byId, noContent, refusals, security } from './group-schemas.ts';

const common = { tags: ['groups'], security };

/**
 * Groups themselves: make, find, preview, change, dissolve. Members are in group-members.ts,
 * invitations and join requests in group-invitations.ts. Each route parses, calls one action
 * (which checks access and acts in one transaction) and answers. The rules and events are in
 * PROTOCOL.md, "Groups".
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

  app.put(
    '/groups/:id/avatar',
    {
      schema: {
        ...common,
        summary: "Set the group's avatar from one of my image uploads (owner or admin)",
        params: byId,
        body: SetAvatarBody,
        response: { 200: Conversation, ...refusals },
      },
    },
    async (request) => setGroupAvatar(services, actorOf(request), request.params.id, request.body.uploadId),
  );

  app.put(
    '/groups/:id/announcement',
    {
      schema: {
        ...common,
        summary: "Pin one of the group's messages as its announcement (owner or admin)",
        params: byId,
        body: SetAnnouncementBody,
        response: { 200: Conversation, ...refusals },
      },
    },
    async (request) => setAnnouncement(services, actorOf(request), request.params.id, request.body.messageId),
  );

  app.delete(
    '/groups/:id/announcement',
    {
      schema: {
        ...common,
        summary: "Take the group's announcement down (owner or admin)",
        params: byId,
        response: { 200: Conversation, ...refusals },
      },
    },
    async (request) => setAnnouncement(services, actorOf(request), request.params.id, null),
  );

  app.delete(
    '/groups/:id/avatar',
    {
      schema: {
        ...common,
        summary: "Remove the group's avatar (owner or admin)",
        params: byId,
        response: { 200: Conversation, ...refusals },
      },
    },
    async (request) => setGroupAvatar(services, actorOf(request), request.params.id, null),
  );

  app.delete(
    '/groups/:id',
    { schema: { ...common, summary: 'Dissolve a group (owner)', params: byId, response: noContent } },
    async (request, reply) => {
      await dissolveGroup(services, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
