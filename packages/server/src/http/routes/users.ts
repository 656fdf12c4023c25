import {
  ErrorResponse,
  Id,
  LookupText,
  PublicUser,
  SearchUsersQuery,
  UserPage,
  limits,
} from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findUserById, findUserByUsername } from '../../actions/users/find-user.ts';
import { searchUsers } from '../../actions/users/search-users.ts';
import type { Services } from '../../services.ts';
import { requireSession } from '../authenticate.ts';

const common = { tags: ['users'], security: [{ bearer: [] }] };
const refusals = { 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse };

export const userRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);

  app.get(
    '/users',
    {
      schema: {
        ...common,
        summary: 'Search users by username or display name',
        querystring: SearchUsersQuery,
        response: { 200: UserPage, ...refusals },
      },
    },
    async (request) => searchUsers(services, request.query),
  );

  app.get(
    '/users/:id',
    {
      schema: {
        ...common,
        summary: 'Look up a user by id',
        params: z.strictObject({ id: Id }),
        response: { 200: PublicUser, ...refusals },
      },
    },
    async (request) => findUserById(services, request.params.id),
  );

  app.get(
    '/users/by-username/:username',
    {
      schema: {
        ...common,
        summary: 'Look up a user by username',
        params: z.strictObject({ username: LookupText(limits.usernameMax).min(1) }),
        response: { 200: PublicUser, ...refusals },
      },
    },
    async (request) => findUserByUsername(services, request.params.username),
  );
};
