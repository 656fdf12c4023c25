import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { requireServerAdmin } from '../authenticate.ts';

/** Admin console, server (issue 16): run-time settings, counts, invite codes, the audit log. */
export const adminServerRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireServerAdmin(app, services);
};
