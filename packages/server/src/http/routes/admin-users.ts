import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { requireServerAdmin } from '../authenticate.ts';

/** Admin console, users (issue 16): list, disable/enable, reset password, roles. */
export const adminUserRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireServerAdmin(app, services);
};
