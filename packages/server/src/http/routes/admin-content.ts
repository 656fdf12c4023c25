import {
  AdminGroupPage,
  AdminGroupsQuery,
  AdminIdParams,
  Report,
  ReportPage,
  ReportsQuery,
  ResolveReportBody,
} from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dissolveAnyGroup } from '../../actions/admin/dissolve-any-group.ts';
import { listGroups } from '../../actions/admin/list-groups.ts';
import { listReports } from '../../actions/admin/list-reports.ts';
import { removeMessage } from '../../actions/admin/remove-message.ts';
import { resolveReport } from '../../actions/admin/resolve-report.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireServerAdmin } from '../authenticate.ts';
import { refusalsFor } from '../refusals.ts';

const common = { tags: ['admin'], security: [{ bearer: [] }] };
const reads = refusalsFor(400, 401, 403, 429);
const changes = refusalsFor(400, 401, 403, 404, 409, 429);

/** Admin console, content (issue 16): remove any message, list and dissolve any group, the reports queue. */
export const adminContentRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  requireServerAdmin(app, services);

  app.post(
    '/admin/messages/:id/remove',
    {
      schema: {
        ...common,
        summary:
          'Remove any message as a server admin: a tombstone (recalledByServerAdmin), its file and forwarded copies’ go too',
        params: AdminIdParams,
        response: { 204: z.null(), ...changes },
      },
    },
    async (request, reply) => {
      await removeMessage(services, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/groups',
    {
      schema: {
        ...common,
        summary: 'Every live group (invite-only ones too, not the lobby), by name, with its owner',
        querystring: AdminGroupsQuery,
        response: { 200: AdminGroupPage, ...reads },
      },
    },
    async (request) => listGroups(services, request.query),
  );

  app.post(
    '/admin/groups/:id/dissolve',
    {
      schema: {
        ...common,
        summary: 'Dissolve any group as a server admin (not the lobby: turn it off in the settings)',
        params: AdminIdParams,
        response: { 204: z.null(), ...changes },
      },
    },
    async (request, reply) => {
      await dissolveAnyGroup(services, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/reports',
    {
      schema: {
        ...common,
        summary: 'The reports queue, open or handled, newest first',
        querystring: ReportsQuery,
        response: { 200: ReportPage, ...reads },
      },
    },
    async (request) => listReports(services, request.query),
  );

  app.post(
    '/admin/reports/:id/resolve',
    {
      schema: {
        ...common,
        summary: 'Remove the reported message (closes every open report on it) or dismiss this report',
        params: AdminIdParams,
        body: ResolveReportBody,
        response: { 200: Report, ...changes },
      },
    },
    async (request) => resolveReport(services, actorOf(request), request.params.id, request.body),
  );
};
