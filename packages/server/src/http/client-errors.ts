import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ErrorCode, errorStatus } from '@parley/protocol';

/**
 * Answers a request Node's HTTP parser refused before any route or error handler of ours saw
 * it (Fastify's `clientErrorHandler`), in Parley's `{ error: { code, message } }` like every
 * other refusal: a request line or headers past Node's 16 KiB limit (431 `headers_too_large`),
 * a request that took too long to arrive (408 `request_timeout`), anything else malformed (400
 * `invalid_request`). Then the socket closes, as Node's own answer does: the parser cannot
 * find where the next request would start.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset connection has nobody left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [code, message]: [ErrorCode, string] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? ['headers_too_large', 'the request line and headers may be at most 16 KiB together']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ['request_timeout', 'the request did not arrive in time']
        : ['invalid_request', 'the request is not well-formed HTTP'];
  const status = errorStatus[code];
  const body = JSON.stringify({ error: { code, message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
