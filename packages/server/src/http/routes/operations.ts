import { Health, Readiness } from '@parley/protocol';
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../services.ts';

/** A check that takes longer than this has failed: a load balancer must not wait on a stuck database. */
const checkTimeoutMs = 2000;

/**
 * For load balancers and orchestrators: `/health` says the process is alive (restart it if
 * not), `/ready` whether to send it traffic (its database and Redis answer, and it is not
 * draining before a stop). Neither needs a session.
 */
export const operationsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['server'],
        summary: 'Liveness: the process answers',
        security: [],
        response: { 200: Health },
      },
    },
    async () => ({ status: 'ok' as const, node: services.nodeId }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['server'],
        summary: 'Readiness: database and Redis answer, not draining',
        security: [],
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const checks = await checkDependencies(services);
      const failed = checks.database === 'failed' || checks.redis === 'failed';
      const status = services.draining ? 'draining' : failed ? 'unready' : 'ready';
      return reply.status(status === 'ready' ? 200 : 503).send({ status, checks });
    },
  );
};

async function checkDependencies(services: Services): Promise<Readiness['checks']> {
  const { redis } = services;
  const [database, redisCheck] = await Promise.all([
    passes(sql`select 1`.execute(services.store.db)),
    redis ? passes(redis.commands.ping()) : ('absent' as const),
  ]);
  return { database, redis: redisCheck };
}

/** 'ok' when `work` succeeds within checkTimeoutMs, otherwise 'failed'. */
async function passes(work: Promise<unknown>): Promise<'ok' | 'failed'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), checkTimeoutMs);
  });
  try {
    await Promise.race([work, late]);
    return 'ok';
  } catch {
    return 'failed';
  } finally {
    clearTimeout(timer);
  }
}
