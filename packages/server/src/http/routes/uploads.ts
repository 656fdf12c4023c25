import { Readable } from 'node:stream';
import { Server as TusServer } from '@tus/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorResponse, Id, Upload, errorStatus, limits } from '@parley/protocol';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../access/session.ts';
import { finishUpload } from '../../actions/uploads/finish-upload.ts';
import { startUpload } from '../../actions/uploads/start-upload.ts';
import { largestUpload } from '../../actions/uploads/upload-limits.ts';
import { AppError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { presentUpload } from '../../presenters/attachments.ts';
import type { Services } from '../../services.ts';
import { deleteUpload, uploadById } from '../../store/uploads.ts';
import { actorOf, requireSession } from '../authenticate.ts';

const tusPath = '/api/v1/uploads';

/**
 * Uploads, resumable, over the tus protocol (https://tus.io, @tus/server): POST /uploads with
 * Upload-Length and Upload-Metadata (kind, filename) creates one; PATCH sends bytes from an
 * offset; HEAD asks how many arrived (to resume after a dropped connection); DELETE cancels.
 * The bytes stream to the upload staging (beside the blob store, reached by every node, so an
 * upload begun on one node can be resumed and finished on another), never all in memory. The
 * PATCH that completes it answers 200 with the Upload (type detected, image re-encoded) or the
 * refusal, and the partial bytes are gone. Every request needs the session's bearer token and
 * may only touch the caller's own uploads. GET /uploads/{id} shows one.
 */
export const uploadRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);
  // Fastify authenticates; tus's hooks get the Request we built for it, and find the caller here.
  const actors = new WeakMap<Request, Actor>();
  const actorIn = (req: Request): Actor => {
    const actor = actors.get(req);
    if (!actor) throw refusal(new AppError('unauthenticated', 'sign in first'));
    return actor;
  };
  const tus = new TusServer({
    path: tusPath,
    // Shared by every node (media/upload-staging.ts): any node may take any request below.
    datastore: services.staging.datastore,
    relativeLocation: true,
    // Same origin only: the web client is served by this server.
    allowedOrigins: [],
    // Asked per request: an admin may change the limits at run time (PATCH /admin/settings).
    maxSize: () => largestUpload(services.config),
    namingFunction: () => newId(),
    // The id is ours (a UUID); anything else in the path is not an upload.
    getFileIdFromRequest: (_req, lastPath) =>
      lastPath && Id.safeParse(lastPath).success ? lastPath : undefined,
    async onIncomingRequest(req, uploadId) {
      const actor = actorIn(req);
      if (req.method === 'POST' || !uploadId) return;
      const upload = await uploadById(services.store.db, uploadId);
      if (!upload || upload.owner_id !== actor.user.id) {
        throw refusal(new AppError('not_found', 'no such upload of yours'));
      }
      if (upload.status === 'ready' && req.method !== 'HEAD') {
        throw refusal(new AppError('already_handled', 'that upload is finished'));
      }
    },
    async onUploadCreate(req, upload) {
      await startUpload(services, actorIn(req), upload.id, upload.size, upload.metadata ?? {}).catch(rethrow);
      return {};
    },
    async onUploadFinish(_req, upload) {
      const row = await uploadById(services.store.db, upload.id);
      if (!row) throw refusal(new AppError('not_found', 'no such upload'));
      const ready = await finishUpload(services, row).catch(rethrow);
      return {
        status_code: 200,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify(presentUpload(ready)),
      };
    },
  });

  // tus reads the raw request body itself.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = actorOf(request);
    if (request.method === 'DELETE') return cancel(actor, (request.params as { id: string }).id, reply);
    const webRequest = toWebRequest(request);
    actors.set(webRequest, actor);
    const response = await tus.handleWeb(webRequest);
    reply.status(response.status);
    response.headers.forEach((value, name) => void reply.header(name, value));
    const body = await response.text();
    if (response.status < 400) return reply.send(body === '' ? null : body);
    // tus's own refusals (a wrong offset, a missing Tus-Resumable) are plain text: make them
    // Parley's error body, like every other refusal.
    const tooLong = response.status === 413 && request.method === 'POST';
    return reply
      .type('application/json; charset=utf-8')
      .send(asErrorBody(response.status, body, tooLong ? 'Upload-Length' : undefined));
  };

  /** tus termination, done here so the quota is free before the answer goes out. */
  const cancel = async (actor: Actor, id: string, reply: FastifyReply) => {
    const upload = Id.safeParse(id).success ? await uploadById(services.store.db, id) : undefined;
    if (!upload || upload.owner_id !== actor.user.id)
      throw new AppError('not_found', 'no such upload of yours');
    if (upload.status === 'ready') throw new AppError('already_handled', 'that upload is finished');
    // The bytes first: should the store fail, the row stays for a retry or the sweep, and no
    // partial upload is left that nothing points at.
    await services.staging.remove(id);
    await deleteUpload(services.store.db, id);
    return reply.status(204).header('tus-resumable', '1.0.0').send(null);
  };
  app.route({
    method: 'POST',
    url: '/uploads',
    schema: { hide: true },
    bodyLimit: limits.uploadChunkMaxBytes,
    handler: handle,
  });
  app.route({
    method: ['PATCH', 'HEAD', 'DELETE'],
    url: '/uploads/:id',
    schema: { hide: true },
    bodyLimit: limits.uploadChunkMaxBytes,
    handler: handle,
  });

  app.get(
    '/uploads/:id',
    {
      schema: {
        tags: ['uploads'],
        summary: 'One of my uploads (kind, detected type, size, dimensions, duration)',
        security: [{ bearer: [] }],
        params: z.strictObject({ id: Id }),
        response: { 200: Upload, 401: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request) => {
      const upload = await uploadById(services.store.db, request.params.id);
      if (!upload || upload.owner_id !== actorOf(request).user.id) {
        throw new AppError('not_found', 'no such upload of yours');
      }
      return presentUpload(upload);
    },
  );
};

/** The Fastify request as the web Request @tus/server reads, its body streamed, not buffered. */
function toWebRequest(request: FastifyRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  // Only tus's own content type reaches here unread. Any other type Fastify has parsed already
  // (JSON, text), and handing tus that consumed stream threw ("Response body object should not
  // be disturbed or locked", a 500); without a body tus refuses such a PATCH itself (415).
  const mediaType = request.headers['content-type']?.split(';')[0]!.trim().toLowerCase();
  const unread = mediaType === undefined || mediaType === 'application/offset+octet-stream';
  const hasBody = (request.method === 'PATCH' || request.method === 'POST') && unread;
  return new Request(`http://${request.headers.host ?? 'localhost'}${request.url}`, {
    method: request.method,
    headers,
    ...(hasBody && { body: Readable.toWeb(request.raw) as ReadableStream, duplex: 'half' }),
  } as RequestInit);
}

/** A tus answer's body as Parley's error body (it may be one already). */
function asErrorBody(status: number, body: string, field?: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (parsed.error) return body;
  } catch {
    // plain text from tus
  }
  const message = body.trim() || `HTTP ${status}`;
  return JSON.stringify({ error: { code: codeFor(status), message, ...(field && { field }) } });
}

/** What @tus/server sends when a hook throws: our status and error body. */
function refusal(err: AppError): { status_code: number; body: string } {
  return { status_code: errorStatus[err.code], body: JSON.stringify({ error: err.toBody() }) };
}

function rethrow(err: unknown): never {
  if (err instanceof AppError) throw refusal(err);
  throw err;
}

function codeFor(status: number): keyof typeof errorStatus {
  if (status === 404) return 'not_found';
  if (status === 413) return 'too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status >= 500) return 'internal';
  return 'invalid_request';
}
