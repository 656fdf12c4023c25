import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import { wantsPage } from './web.ts';

/**
 * Turns every failure into `{ error: { code, message, field? } }` with a fitting status.
 * Validation problems name the field; nothing unexpected leaks more than "internal error".
 */
export function installErrorHandling(app: FastifyInstance, servesPages: boolean): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const refusal = toAppError(err);
    if (refusal.code === 'internal') request.log.error({ err }, 'request failed');
    if (refusal.extra.retryAfter !== undefined) reply.header('Retry-After', String(refusal.extra.retryAfter));
    if (refusal.code === 'unauthenticated') reply.header('WWW-Authenticate', 'Bearer');
    return reply.status(refusal.status).send({ error: refusal.toBody() });
  });
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0]!;
    // Client-side routes of the web app (/chats/123) load the app, which then routes itself.
    if (servesPages && wantsPage(request.method, url)) return reply.sendFile('index.html');
    return reply
      .status(404)
      .send({ error: { code: 'not_found', message: `no route for ${request.method} ${url}` } });
  });
}

function toAppError(err: FastifyError): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issue = err.validation[0]!;
    const place = err.validationContext ?? 'body';
    const unknownKeys = (issue.params as { keys?: string[] }).keys;
    const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const field = unknownKeys?.length ? [path, unknownKeys[0]].filter(Boolean).join('.') : path || place;
    const message = unknownKeys?.length ? `unknown field "${field}"` : `${field}: ${issue.message}`;
    return new AppError('invalid_request', message, { field });
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('too_large', 'the request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'send the body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('malformed_json', 'the JSON body is empty', { field: 'body' });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('malformed_json', 'the body is not valid JSON', { field: 'body' });
  }
  if (err instanceof SyntaxError && err.statusCode === 400) {
    return new AppError('malformed_json', 'the body is not valid JSON', { field: 'body' });
  }
  if (err.statusCode === 413) return new AppError('too_large', 'the request is too large');
  if (err.statusCode === 404) return new AppError('not_found', 'not found');
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError('invalid_request', err.message);
  }
  return new AppError('internal', 'internal error; the server log has the details');
}
