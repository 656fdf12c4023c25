import { type ErrorBody, type ErrorCode, errorStatus } from '@parley/protocol';

/**
 * Codes the SDK gives on its own, for failures where no server refusal exists:
 * - `network`: the request never got an HTTP answer (server down, DNS, connection reset,
 *   offline, CORS). Safe to retry later; `status` is 0.
 * - `bad_response`: something answered, but not in Parley's protocol (a proxy's HTML error
 *   page, a body that is not JSON). `status` is the HTTP status.
 * - `disconnected`: a WebSocket request could not be sent because the connection is not open,
 *   or its socket dropped before the reply came. Whether the server acted on it is unknown.
 * - `closed`: the Connection was closed for good (`close()`, a revoked session, a bad token).
 */
export type ClientErrorCode = 'network' | 'bad_response' | 'disconnected' | 'closed';

/**
 * A server code from the protocol, one of the SDK's own, or (`string & {}`) a code a newer
 * server introduced that this SDK does not know yet: switch on the known ones, keep a default.
 */
export type ParleyErrorCode = ErrorCode | ClientErrorCode | (string & {});

export interface ParleyErrorOptions {
  /** HTTP status; defaults to the protocol's status for a server code, else 0. */
  status?: number;
  field?: string;
  retryAfter?: number;
  cause?: unknown;
}

/**
 * Every failure the SDK reports, whether the server refused (its `{ error }` body, over HTTP
 * or as a WebSocket reply) or the SDK could not reach it: callers catch one type and switch on
 * `code`, never on a bare TypeError from fetch.
 */
export class ParleyError extends Error {
  override name = 'ParleyError';
  readonly code: ParleyErrorCode;
  /** The HTTP status, or the status the protocol gives the code (WebSocket replies); 0 when none. */
  readonly status: number;
  /** For `invalid_request`: the offending field's path, e.g. `displayName`. */
  readonly field?: string;
  /** For `rate_limited`: seconds until the caller may try again. */
  readonly retryAfter?: number;

  constructor(code: ParleyErrorCode, message: string, options: ParleyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? (errorStatus as Record<string, number>)[code] ?? 0;
    if (options.field !== undefined) this.field = options.field;
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter;
  }

  /** The error a server refusal body (`{ error: … }`'s inside) stands for. */
  static fromBody(body: ErrorBody | ReplyErrorBody, status?: number): ParleyError {
    return new ParleyError(body.code, body.message, {
      ...(status !== undefined && { status }),
      ...(body.field !== undefined && { field: body.field }),
      ...(body.retryAfter !== undefined && { retryAfter: body.retryAfter }),
    });
  }
}

type ReplyErrorBody = { code: string; message: string; field?: string; retryAfter?: number };

/** True when `err` is a ParleyError, and has `code` when one is given. */
export function isParleyError(err: unknown, code?: ParleyErrorCode): err is ParleyError {
  return err instanceof ParleyError && (code === undefined || err.code === code);
}
