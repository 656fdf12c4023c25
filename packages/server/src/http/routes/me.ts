import {
  ChangePasswordBody,
  DeleteAccountBody,
  ErrorResponse,
  Id,
  Me,
  SessionList,
  SetAvatarBody,
  UpdateProfileBody,
} from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePassword } from '../../actions/accounts/change-password.ts';
import { deleteAccount } from '../../actions/accounts/delete-account.ts';
import { setAvatar } from '../../actions/accounts/set-avatar.ts';
import { updateProfile } from '../../actions/accounts/update-profile.ts';
import { listSessions } from '../../actions/sessions/list-sessions.ts';
import { revokeSession } from '../../actions/sessions/revoke-session.ts';
import { presentMe } from '../../presenters/users.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireSession } from '../authenticate.ts';

const common = { tags: ['me'], security: [{ bearer: [] }] };
const refusals = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  429: ErrorResponse,
};

/** The signed-in user's own profile, password and device sessions. */
export const meRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);

  app.get(
    '/me',
    { schema: { ...common, summary: 'My profile', response: { 200: Me, ...refusals } } },
    async (request) => presentMe(actorOf(request).user),
  );

  app.patch(
    '/me',
    {
      schema: {
        ...common,
        summary: 'Change my display name or bio',
        body: UpdateProfileBody,
        response: { 200: Me, ...refusals },
      },
    },
    async (request) => updateProfile(services, actorOf(request), request.body),
  );

  app.put(
    '/me/avatar',
    {
      schema: {
        ...common,
        summary: 'Set my avatar from one of my image uploads (square-cropped, 256 and 64 px)',
        body: SetAvatarBody,
        response: { 200: Me, ...refusals, 415: ErrorResponse },
      },
    },
    async (request) => setAvatar(services, actorOf(request), request.body.uploadId),
  );

  app.delete(
    '/me/avatar',
    { schema: { ...common, summary: 'Remove my avatar', response: { 200: Me, ...refusals } } },
    async (request) => setAvatar(services, actorOf(request), null),
  );

  app.post(
    '/me/password',
    {
      schema: {
        ...common,
        summary: 'Change my password; signs out my other devices',
        body: ChangePasswordBody,
        response: { 204: z.null(), ...refusals },
      },
    },
    async (request, reply) => {
      await changePassword(services, actorOf(request), request.body, request.ip);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/me/delete',
    {
      schema: {
        ...common,
        summary:
          "Delete my account: ends every session, removes my profile, friends and files; my messages stay in others' history as a deleted user",
        body: DeleteAccountBody,
        response: { 204: z.null(), ...refusals },
      },
    },
    async (request, reply) => {
      await deleteAccount(services, actorOf(request), request.body, request.ip);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me/sessions',
    { schema: { ...common, summary: 'My device sessions', response: { 200: SessionList, ...refusals } } },
    async (request) => listSessions(services, actorOf(request)),
  );

  app.delete(
    '/me/sessions/:id',
    {
      schema: {
        ...common,
        summary: 'Sign one of my devices out',
        params: z.strictObject({ id: Id }),
        response: { 204: z.null(), ...refusals },
      },
    },
    async (request, reply) => {
      await revokeSession(services, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
