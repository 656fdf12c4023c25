import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { ErrorResponse, Upload } from '@parley/protocol';
import type { FastifySchema } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mediaCookie } from './media-session.ts';

/**
 * The OpenAPI document at /api/docs/json (@fastify/swagger, from each route's zod schema), made
 * complete where a route leaves something out, so that a standard linter passes it
 * (test/api/openapi.test.ts, Redocly's recommended rules):
 * - every operation gets an operationId, from its method and path unless it names one;
 * - every operation lists the refusals every route can give: 429 (the rate limit covers every
 *   route), 400 where it takes parameters, a query or a body, 401 where a session is needed,
 *   404 where its path names something;
 * - the routes without a zod schema are written out by hand: the tus upload routes (which
 *   @tus/server answers), the WebSocket upgrade and Prometheus's /metrics;
 * - the media cookie is a security scheme of its own, for the /media routes to name.
 * A route must still say who may call it (`security`, `[]` for anyone): the linter refuses an
 * operation that does not.
 */
export function openApiOptions(version: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      info: {
        title: 'Parley API',
        version,
        description: 'REST API of a Parley chat server. See PROTOCOL.md.',
      },
      servers: [{ url: '/', description: 'this server' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A session token from login or register.' },
          metricsToken: { type: 'http', scheme: 'bearer', description: 'PARLEY_METRICS_TOKEN.' },
          mediaCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: mediaCookie,
            description:
              'Set by POST /api/v1/media/cookie; sent by <img> and <audio> to /media only (Path=/media).',
          },
        },
      },
    },
    transform: ({ schema, url, route, ...rest }) => {
      const described = jsonSchemaTransform({
        schema: completed(schema, url, route.method),
        url,
        route,
        ...rest,
      });
      return { ...described, schema: withFileAnswer(described.schema as RouteSchema) };
    },
    transformObject: (document) =>
      withHandWrittenRoutes(('openapiObject' in document ? document.openapiObject : {}) as OpenApiDocument),
  };
}

type Responses = Record<string | number, unknown>;
type RouteSchema = FastifySchema & {
  operationId?: string;
  security?: readonly Readonly<Record<string, readonly string[]>>[];
  response?: unknown;
  produces?: readonly string[];
  hide?: boolean;
};

/** The route's schema with an operationId and the refusals every route can give. */
function completed(schema: RouteSchema | undefined, url: string, method: string | string[]): RouteSchema {
  const given = schema ?? {};
  if (given.hide) return given;
  const response: Responses = { ...(given.response as Responses | undefined) };
  const takesInput = Boolean(given.params || given.querystring || given.body || given.headers);
  if (takesInput) response[400] ??= ErrorResponse;
  // A path parameter names something, which may not be there (or not be the caller's to see).
  if (given.params) response[404] ??= ErrorResponse;
  const needsSession =
    given.security?.some((s) => Object.keys(s).length > 0) &&
    !given.security?.some((s) => Object.keys(s).length === 0);
  if (needsSession) response[401] ??= ErrorResponse;
  response[429] ??= ErrorResponse;
  return {
    ...given,
    operationId: given.operationId ?? operationIdFor(Array.isArray(method) ? method[0]! : method, url),
    response,
  };
}

/**
 * A route that answers a file's bytes (media, avatars, stickers) says so with `produces`, its
 * media types; the document then shows a 200 of those (the route itself has no schema for it:
 * its bytes are not serialised).
 */
function withFileAnswer(schema: RouteSchema): RouteSchema {
  const responses = (schema.response ?? {}) as Responses;
  const answers = Object.keys(responses).some((status) => /^[123]/.test(status));
  if (answers || !schema.produces?.length) return schema;
  const binary = { schema: { type: 'string', format: 'binary' } };
  const content = Object.fromEntries(schema.produces.map((type) => [type, binary]));
  return { ...schema, response: { ...responses, 200: { description: 'The file’s bytes', content } } };
}

/**
 * `GET /api/v1/conversations/:id/messages` → `getConversationsByIdMessages`: unique, because
 * method and path are, and stable, because they are.
 */
export function operationIdFor(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1(?=\/|$)/, '')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^[:{]([^}]+)}?$/.exec(segment);
      return param ? ['by', param[1]!] : segment.split(/[^A-Za-z0-9]+/);
    })
    .filter(Boolean);
  const capitalised = words.map((w) => w[0]!.toUpperCase() + w.slice(1));
  return method.toLowerCase() + capitalised.join('');
}

interface OpenApiDocument {
  paths?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

const asJson = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output' });

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: asJson(ErrorResponse) } },
});

/** The routes that carry no zod schema, as the document shows them. */
function withHandWrittenRoutes(document: OpenApiDocument): OpenApiDocument {
  const paths = { ...document.paths, ...tusRoutes(document), '/ws': gatewayRoute, '/metrics': metricsRoute };
  return { ...document, paths };
}

/** gateway/route.ts: the upgrade; everything after it is PROTOCOL.md's frames. */
const gatewayRoute = {
  get: {
    tags: ['server'],
    operationId: 'getWs',
    summary: 'The live connection: a WebSocket (frames in PROTOCOL.md)',
    description:
      'The session token goes in the first frame (hello), not in the upgrade. A browser’s Origin must be the server’s own or one in PARLEY_ALLOWED_ORIGINS (scheme, host and port).',
    security: [],
    responses: {
      101: { description: 'Switching to the WebSocket protocol' },
      404: { description: 'Not a WebSocket upgrade (a plain GET)' },
      403: error('origin_not_allowed: a page of another origin'),
      429: error('Too many requests'),
    },
  },
};

/** http/routes/metrics.ts: Prometheus's text format. */
const metricsRoute = {
  get: {
    tags: ['server'],
    operationId: 'getMetrics',
    summary: 'Metrics in Prometheus’s text format, for operators',
    description:
      'Answered to PARLEY_METRICS_TOKEN as a bearer token, or without one to an address in PARLEY_METRICS_ALLOW; with neither set, /metrics answers 404.',
    security: [{ metricsToken: [] }, {}],
    responses: {
      200: { description: 'The metrics', content: { 'text/plain': { schema: { type: 'string' } } } },
      401: error('This address needs the metrics token'),
      403: error('This address may not read the metrics'),
      404: error('Metrics are closed (neither a token nor addresses are set)'),
      429: error('Too many requests'),
    },
  },
};

/**
 * The tus routes (http/routes/uploads.ts). @tus/server reads these requests itself, so they
 * carry no zod schema; this says what they take and answer.
 */
function tusRoutes(document: OpenApiDocument): OpenApiDocument['paths'] {
  const refusals = {
    400: error('A header is missing or wrong (Tus-Resumable, Upload-Length, Upload-Metadata, Content-Type)'),
    401: error('No session, or it ended'),
    429: error('Too many requests'),
  };
  const tusResumable = {
    name: 'Tus-Resumable',
    in: 'header',
    required: true,
    schema: { type: 'string', enum: ['1.0.0'] },
  };
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  const security = [{ bearer: [] }];
  const uploads = {
    post: {
      tags: ['uploads'],
      operationId: 'postUploads',
      summary: 'Start a resumable upload (tus creation)',
      description:
        'Upload-Metadata holds kind (image, voice or file) and filename, base64 as tus says. The answer’s Location is the upload’s URL, for PATCH.',
      security,
      parameters: [
        tusResumable,
        { name: 'Upload-Length', in: 'header', required: true, schema: { type: 'integer', minimum: 0 } },
        { name: 'Upload-Metadata', in: 'header', required: true, schema: { type: 'string' } },
      ],
      responses: {
        201: {
          description: 'Created: send the bytes to Location',
          headers: { Location: { schema: { type: 'string' } } },
        },
        ...refusals,
        413: error('Larger than this kind of upload may be, or than the quota left'),
      },
    },
  };
  const upload = {
    patch: {
      tags: ['uploads'],
      operationId: 'patchUploadsById',
      summary: 'Send bytes of an upload from Upload-Offset (tus)',
      description:
        'The PATCH that brings the upload to its length answers 200 with the finished Upload (type detected, image re-encoded), or the refusal.',
      security,
      parameters: [
        id,
        tusResumable,
        { name: 'Upload-Offset', in: 'header', required: true, schema: { type: 'integer', minimum: 0 } },
      ],
      requestBody: {
        required: true,
        content: { 'application/offset+octet-stream': { schema: { type: 'string', format: 'binary' } } },
      },
      responses: {
        200: {
          description: 'The upload is complete',
          content: { 'application/json': { schema: asJson(Upload) } },
        },
        204: {
          description: 'Bytes stored; more to come',
          headers: { 'Upload-Offset': { schema: { type: 'integer' } } },
        },
        ...refusals,
        404: error('No such upload of yours'),
        409: error('Upload-Offset is not where the upload stands'),
        413: error('More bytes than Upload-Length, or than one request may carry'),
        415: error('The finished file is not of its kind (not an image, not a voice recording)'),
      },
    },
    head: {
      tags: ['uploads'],
      operationId: 'headUploadsById',
      summary: 'How many bytes of an upload arrived, to resume it (tus)',
      security,
      parameters: [id, tusResumable],
      responses: {
        200: {
          description: 'Upload-Offset: bytes stored so far',
          headers: {
            'Upload-Offset': { schema: { type: 'integer' } },
            'Upload-Length': { schema: { type: 'integer' } },
          },
        },
        ...refusals,
        404: error('No such upload of yours'),
      },
    },
    delete: {
      tags: ['uploads'],
      operationId: 'deleteUploadsById',
      summary: 'Cancel an unfinished upload and free its quota (tus termination)',
      security,
      parameters: [id, tusResumable],
      responses: {
        204: { description: 'Cancelled' },
        ...refusals,
        404: error('No such upload of yours'),
        409: error('The upload is finished (already_handled)'),
      },
    },
  };
  return {
    '/api/v1/uploads': { ...document.paths?.['/api/v1/uploads'], ...uploads },
    '/api/v1/uploads/{id}': { ...document.paths?.['/api/v1/uploads/{id}'], ...upload },
  };
}
