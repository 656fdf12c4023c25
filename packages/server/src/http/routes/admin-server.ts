import {
  AdminIdParams,
  AdminInviteList,
  AuditPage,
  AuditQuery,
  ErrorResponse,
  ServerCounts,
  ServerSettings,
  UpdateServerSettingsBody,
} from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readAuditLog } from '../../actions/audit/read-audit-log.ts';
import { listInvites } from '../../actions/invites/list-invites.ts';
import { revokeInvite } from '../../actions/invites/revoke-invite.ts';
import { currentSettings } from '../../actions/server-settings/live-settings.ts';
import { updateServerSettings } from '../../actions/server-settings/update-server-settings.ts';
import { countServer } from '../../actions/stats/count-server.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireServerAdmin } from '../authenticate.ts';

const common = { tags: ['admin'], security: [{ bearer: [] }] };
const refusals = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse };

/**
 * Admin console, server (issue 16): run-time settings, counts, invite codes, the audit log.
 * Admins only (`forbidden` to everyone else); PROTOCOL.md, "Admin console".
 */
export const adminServerRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireServerAdmin(app, services);

  app.get(
    '/admin/settings',
    {
      schema: {
        ...common,
        summary: 'Run-time settings in force (a value set here wins over the environment)',
        response: { 200: ServerSettings, ...refusals },
      },
    },
    async () => currentSettings(services.config),
  );

  app.patch(
    '/admin/settings',
    {
      schema: {
        ...common,
        summary: 'Change run-time settings, on every node at once, without a restart',
        body: UpdateServerSettingsBody,
        response: { 200: ServerSettings, ...refusals },
      },
    },
    async (request) => updateServerSettings(services, actorOf(request), request.body),
  );

  app.get(
    '/admin/counts',
    {
      schema: {
        ...common,
        summary: 'Users, activity, messages, groups, storage and open reports at a glance',
        response: { 200: ServerCounts, ...refusals },
      },
    },
    async () => countServer(services),
  );

  app.get(
    '/admin/invites',
    {
      schema: {
        ...common,
        summary: 'Invite codes: usable ones first, then used or expired (at most 200)',
        response: { 200: AdminInviteList, ...refusals },
      },
    },
    async () => listInvites(services),
  );

  app.delete(
    '/admin/invites/:id',
    {
      schema: {
        ...common,
        summary: 'Revoke an unused invite code',
        params: AdminIdParams,
        response: { 204: z.null(), ...refusals, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      await revokeInvite(services, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/audit',
    {
      schema: {
        ...common,
        summary: 'The audit log, newest first, of one action or all',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...refusals },
      },
    },
    async (request) => readAuditLog(services, request.query),
  );
};
