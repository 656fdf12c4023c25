import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { TestServer } from '../../src/testing.ts';

export interface Upgrade {
  status: number;
  /** The refusal's error code, when the upgrade was refused. */
  code?: string;
  /** The refusal's Retry-After header, when it has one. */
  retryAfter?: string;
}

/**
 * Asks `path` (GET /ws unless told) to upgrade with exactly these headers (a browser's Origin,
 * a proxy's Host and X-Forwarded-*), and resolves with 101 or the refusal: what a browser would
 * meet.
 */
export function upgrade(server: TestServer, headers: Record<string, string>, path = '/ws'): Promise<Upgrade> {
  return new Promise((resolve, reject) => {
    // A connection of its own: the server does not keep one that asked to upgrade.
    const request = http.request(`${server.url}${path}`, {
      agent: false,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        ...headers,
      },
    });
    request.on('upgrade', (_response, socket) => {
      socket.destroy();
      resolve({ status: 101 });
    });
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        let code: string | undefined;
        try {
          code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
        } catch {
          code = undefined;
        }
        const retryAfter = response.headers['retry-after'];
        resolve({ status: response.statusCode ?? 0, code, ...(retryAfter !== undefined && { retryAfter }) });
      });
    });
    request.on('error', reject);
    request.end();
  });
}
