import {
  AdminIdParams,
  AdminUser,
  AdminUserPage,
  AdminUsersQuery,
  ErrorResponse,
  PasswordReset,
  SetRoleBody,
} from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { disableUser } from '../../actions/admin/disable-user.ts';
import { enableUser } from '../../actions/admin/enable-user.ts';
import { listUsers } from '../../actions/admin/list-users.ts';
import { resetPassword } from '../../actions/admin/reset-password.ts';
import { setRole } from '../../actions/admin/set-role.ts';
import { showUser } from '../../actions/admin/show-user.ts';
import type { Services } from '../../services.ts';
import { actorOf, requireServerAdmin } from '../authenticate.ts';

const common = { tags: ['admin'], security: [{ bearer: [] }] };
const refusals = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  429: ErrorResponse,
};

/** Admin console, users (issue 16): list, disable/enable, reset password, roles. */
export const adminUserRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireServerAdmin(app, services);

  app.get(
    '/admin/users',
    {
      schema: {
        ...common,
        summary: 'List and search accounts (not deleted ones), with last seen, sessions and storage',
        querystring: AdminUsersQuery,
        response: { 200: AdminUserPage, ...refusals },
      },
    },
    async (request) => listUsers(services, request.query),
  );

  app.get(
    '/admin/users/:id',
    {
      schema: {
        ...common,
        summary: 'One account as the console shows it',
        params: AdminIdParams,
        response: { 200: AdminUser, ...refusals },
      },
    },
    async (request) => showUser(services, request.params.id),
  );

  app.post(
    '/admin/users/:id/disable',
    {
      schema: {
        ...common,
        summary: 'Disable an account: every session ends, signing in is refused, messages stay',
        params: AdminIdParams,
        response: { 200: AdminUser, ...refusals },
      },
    },
    async (request) => disableUser(services, actorOf(request), request.params.id),
  );

  app.post(
    '/admin/users/:id/enable',
    {
      schema: {
        ...common,
        summary: 'Enable a disabled account again',
        params: AdminIdParams,
        response: { 200: AdminUser, ...refusals },
      },
    },
    async (request) => enableUser(services, actorOf(request), request.params.id),
  );

  app.post(
    '/admin/users/:id/reset-password',
    {
      schema: {
        ...common,
        summary: 'Give the user a one-time password; every session ends and they must choose a new one',
        params: AdminIdParams,
        response: { 200: PasswordReset, ...refusals },
      },
    },
    async (request) => resetPassword(services, actorOf(request), request.params.id),
  );

  app.put(
    '/admin/users/:id/role',
    {
      schema: {
        ...common,
        summary: 'Make a user an admin or a member; the last admin keeps the role',
        params: AdminIdParams,
        body: SetRoleBody,
        response: { 200: AdminUser, ...refusals, 409: ErrorResponse },
      },
    },
    async (request) => setRole(services, actorOf(request), request.params.id, request.body.role),
  );
};
