import { expect } from 'vitest';
import type { TestServer } from '../../src/testing.ts';

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or the raw text when it is not JSON, or null when empty. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary answers
  text: string;
}

export interface RequestOptions {
  token?: string;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent exactly as given (for malformed bodies). */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** One HTTP request with raw fetch, so the test sees exactly what is on the wire. */
export async function api(
  server: TestServer,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined;
  if (options.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.raw !== undefined) {
    body = options.raw;
  }
  const url = path.startsWith('/api/') || path.startsWith('/ws') ? path : `/api/v1${path}`;
  const res = await fetch(`${server.url}${url}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** What a stack trace looks like in text: "    at fn (file.ts:12:3)" or a source path. */
const stackLike = /\n\s+at\s|\.ts:\d+|node_modules|node:internal/;

/**
 * Asserts the refusal shape every REST error has: `{ error: { code, message, field? } }`
 * with the code's status, nothing more, and no stack trace anywhere in the body.
 */
export function expectError(res: ApiResponse, status: number, code: string, field?: string): void {
  expect(
    { status: res.status, code: res.body?.error?.code },
    `answer was ${res.status} ${res.text.slice(0, 300)}`,
  ).toEqual({ status, code });
  expectCleanError(res);
  if (field !== undefined) expect(res.body.error.field).toBe(field);
}

/** Any error answer: the documented shape, a human message, and no internals. */
export function expectCleanError(res: ApiResponse): void {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(res.body)).toEqual(['error']);
  const allowed = ['code', 'message', 'field', 'retryAfter'];
  expect(Object.keys(res.body.error).filter((k) => !allowed.includes(k))).toEqual([]);
  expect(typeof res.body.error.code).toBe('string');
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.message.length).toBeGreaterThan(0);
  expect(res.text).not.toMatch(stackLike);
}
