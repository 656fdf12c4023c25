import { ErrorResponse, Settings, UpdateSettingsBody } from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { showSettings } from '../../actions/read/show-settings.ts';
import { updateSettings } from '../../actions/read/update-settings.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';

const common = { tags: ['me'], security: [{ bearer: [] }] };
const refusals = { 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse };

/** The signed-in user's privacy settings (read receipts). */
export const settingsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);

  app.get(
    '/me/settings',
    { schema: { ...common, summary: 'My settings', response: { 200: Settings, ...refusals } } },
    async (request) => showSettings(services, actorOf(request)),
  );

  app.patch(
    '/me/settings',
    {
      schema: {
        ...common,
        summary: 'Change my settings; my devices hear settings.updated',
        body: UpdateSettingsBody,
        response: { 200: Settings, ...refusals },
      },
    },
    async (request) => updateSettings(services, actorOf(request), request.body),
  );
};
