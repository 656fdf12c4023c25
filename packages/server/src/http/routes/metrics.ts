import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { metricsGuard } from '../../metrics/access.ts';
import type { Services } from '../../services.ts';

/** Prometheus's scrape, outside /api/v1: it is for operators, not clients (metrics/metrics.ts). */
export const metricsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const guard = metricsGuard(services.config);
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    guard(request.ip, request.headers.authorization);
    const { registry } = services.metrics;
    return reply.type(registry.contentType).send(await registry.metrics());
  });
};
