import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';
import { requireSession } from '../authenticate.ts';

/** A member reports a message to the server's admins (issue 16). */
export const reportRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);
};
