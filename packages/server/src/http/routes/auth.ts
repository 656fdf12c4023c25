import { AuthResult, ErrorResponse, LoginBody, RegisterBody } from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { logIn } from '../../actions/accounts/log-in.ts';
import { logOut } from '../../actions/accounts/log-out.ts';
import { register } from '../../actions/accounts/register.ts';
import type { Services } from '../../services.ts';
import { actorOf, clientInfoOf, requireSession } from '../authenticate.ts';

const refusals = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  409: ErrorResponse,
  429: ErrorResponse,
};

export const authRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.post(
    '/auth/register',
    {
      config: {
        rateLimit: {
          max: services.config.registrationsPerHour,
          timeWindow: 3_600_000,
          keyGenerator: (r) => r.ip,
        },
      },
      schema: {
        tags: ['accounts'],
        summary: 'Create an account and sign in (the first account becomes admin)',
        security: [],
        body: RegisterBody,
        response: { 201: AuthResult, ...refusals },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await register(services, request.body, clientInfoOf(request))),
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign in; answers a bearer token for a new device session',
        security: [],
        body: LoginBody,
        response: { 200: AuthResult, ...refusals },
      },
    },
    async (request) => logIn(services, request.body, clientInfoOf(request)),
  );

  app.register(async (signedIn) => {
    requireSession(signedIn, services);
    signedIn.post(
      '/auth/logout',
      {
        schema: {
          tags: ['accounts'],
          summary: 'End this session',
          security: [{ bearer: [] }],
          response: { 204: z.null(), 401: ErrorResponse },
        },
      },
      async (request, reply) => {
        await logOut(services, actorOf(request));
        return reply.status(204).send(null);
      },
    );
  });
};
