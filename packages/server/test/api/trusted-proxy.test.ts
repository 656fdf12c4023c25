import { describe, expect, it } from 'vitest';
import { register } from '../support/factories.ts';
import { api } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';

describe.each(dialects)('behind a trusted proxy on %s', (dialect) => {
  const server = useServer(dialect, { trustProxy: '127.0.0.1' });

  it('records the address the proxy saw, not one the client wrote into X-Forwarded-For', async () => {
    const alice = await register(server(), 'alice');
    const res = await api(server(), 'POST', '/auth/login', {
      json: { username: alice.username, password: alice.password },
      // The client sent "198.51.100.7" itself; the proxy (127.0.0.1) appended the real peer.
      headers: { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' },
    });
    expect(res.status).toBe(200);
    expect(res.body.session.ip).toBe('203.0.113.9');
  });
});
