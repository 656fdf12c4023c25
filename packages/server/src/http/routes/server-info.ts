import { ServerInfo, limits } from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LOBBY_ID } from '../../actions/conversations/ensure-lobby.ts';
import type { Services } from '../../services.ts';
import { version } from '../../version.ts';

/** Public facts a client needs before signing in (health checks: operations.ts). */
export const serverInfoRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/server',
    {
      schema: {
        tags: ['server'],
        summary: 'Server settings a client needs',
        security: [],
        response: { 200: ServerInfo },
      },
    },
    async () => ({
      name: 'parley' as const,
      version,
      registration: services.config.registration,
      singleSession: services.config.singleSession,
      lobbyId: services.config.lobby ? LOBBY_ID : null,
      dmPolicy: services.config.dmPolicy,
      maxGroupSize: services.config.maxGroupSize,
      recallWindowSeconds: services.config.recallWindowSeconds,
      vapidPublicKey: services.push.publicKey,
      limits: Object.fromEntries(Object.entries(limits)),
    }),
  );
};
