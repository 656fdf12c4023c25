import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
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
 * The bytes stream to a file under PARLEY_DATA_DIR/uploads, never all in memory. The PATCH
 * that completes it answers 200 with the Upload (type detected, image re-encoded) or the
 * refusal, and the partial bytes are gone. Every request needs the session's bearer token and
 * may only touch the caller's own uploads. GET /uploads/{id} shows one.
 */
export const uploadRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  requireSession(app, services);
  const actors = new WeakMap<IncomingMessage, Actor>();
  const actorIn = (req: Request): Actor => {
    const node = (req as Request & { runtime?: { node?: { req: IncomingMessage } } }).runtime?.node?.req;
    const actor = node && actors.get(node);
    if (!actor) throw refusal(new AppError('unauthenticated', 'sign in first'));
    return actor;
  };
  const store = new FileStore({ directory: services.paths.uploads });
  const tus = new TusServer({
    path: tusPath,
    datastore: store,
    relativeLocation: true,
    // Same origin only: the web client is served by this server.
    allowedOrigins: [],
    maxSize: largestUpload(services.config),
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
      const ready = await finishUpload(services, row, path.join(services.paths.uploads, upload.id))
        .catch(rethrow)
        .finally(() => store.configstore.delete(upload.id).catch(() => {}));
      return {
        status_code: 200,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify(presentUpload(ready)),
      };
    },
    // tus's own refusals (a wrong offset, a missing header) get Parley's error body too.
    async onResponseError(_req, err) {
      if ('status_code' in err && typeof err.body === 'string' && err.body.startsWith('{')) return;
      const status = 'status_code' in err ? err.status_code : 500;
      const message = 'body' in err ? String(err.body).trim() : 'internal error';
      return { status_code: status, body: JSON.stringify({ error: { code: codeFor(status), message } }) };
    },
  });

  // tus reads the raw request body itself.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    actors.set(request.raw, actorOf(request));
    reply.hijack();
    await tus.handle(request.raw, reply.raw);
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

  // DELETE of an unfinished upload (tus termination) also frees its quota.
  tus.on('POST_TERMINATE', (_req: Request, _res: Response, id: string) => {
    void deleteUpload(services.store.db, id).catch((err: unknown) =>
      services.log.error({ err, id }, 'could not forget a cancelled upload'),
    );
  });
};

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
