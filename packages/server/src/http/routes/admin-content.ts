import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { requireServerAdmin } from '../authenticate.ts';

/** Admin console, content (issue 16): remove any message, list and dissolve any group, the reports queue. */
export const adminContentRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  requireServerAdmin(app, services);
};
