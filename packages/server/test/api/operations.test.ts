import { randomUUID } from 'node:crypto';
import { Health, Readiness } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { befriend, people } from '../support/factories.ts';
import { type ApiResponse, api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSockets } from '../support/socket.ts';

const metricsToken = 'prometheus-reads-the-metrics-with-this';

/** GET /metrics (outside /api/v1, where `api` goes), with the bearer token when given. */
async function scrape(server: TestServer, token?: string): Promise<ApiResponse> {
  const res = await fetch(`${server.url}/metrics`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  const json = res.headers.get('content-type')?.startsWith('application/json');
  return { status: res.status, headers: res.headers, body: json ? JSON.parse(text) : text, text };
}

/** The value of an unlabelled sample (`name 12`) in Prometheus's text format; undefined when absent. */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe.each(dialects)('health and readiness on %s', (dialect) => {
  const server = useServer(dialect);

  it('answers health without a session, naming the node', async () => {
    const res = await api(server(), 'GET', '/health');
    expect(res.status).toBe(200);
    expect(Health.parse(res.body)).toEqual({ status: 'ok', node: server().parley.services.nodeId });
  });

  it('answers ready when the database answers, with Redis absent on a single node', async () => {
    const res = await api(server(), 'GET', '/ready');
    expect(res.status).toBe(200);
    expect(Readiness.parse(res.body)).toEqual({
      status: 'ready',
      checks: { database: 'ok', redis: 'absent' },
    });
  });

  it('answers 503 draining once the node drains, so the load balancer stops sending work', async () => {
    const services = server().parley.services;
    services.draining = true;
    try {
      const res = await api(server(), 'GET', '/ready');
      expect(res.status).toBe(503);
      expect(Readiness.parse(res.body)).toEqual({
        status: 'draining',
        checks: { database: 'ok', redis: 'absent' },
      });
    } finally {
      services.draining = false;
    }
    expect((await api(server(), 'GET', '/ready')).status).toBe(200);
  });

  it('keeps /metrics closed when neither a token nor an allow list is set', async () => {
    expectError(await scrape(server()), 404, 'not_found');
    expectError(await scrape(server(), 'any-token-at-all-here'), 404, 'not_found');
  });

  describe('with the database gone', () => {
    const lonely = useServer(dialect);

    it('answers 503 unready naming the database, while health still answers', async () => {
      await lonely().parley.services.store.close();
      const res = await api(lonely(), 'GET', '/ready');
      expect(res.status).toBe(503);
      expect(Readiness.parse(res.body)).toEqual({
        status: 'unready',
        checks: { database: 'failed', redis: 'absent' },
      });
      expect((await api(lonely(), 'GET', '/health')).status).toBe(200);
    });
  });
});

describe.each(dialects)('metrics on %s', (dialect) => {
  const server = useServer(dialect, { metricsToken });

  it('refuses a scrape without the token, or with a wrong one', async () => {
    const missing = await scrape(server());
    expectError(missing, 401, 'unauthenticated');
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expectError(await scrape(server(), 'prometheus-reads-the-metrics-with-thiz'), 401, 'unauthenticated');
    expectError(await scrape(server(), 'short'), 401, 'unauthenticated');
  });

  it('counts sockets, stored messages, deliveries and send latency, beside the process metrics', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [accepted] = await befriend(server(), alice, bob);
    const chat = accepted.conversationId as string;
    const before = await scrape(server(), metricsToken);
    expect(before.status).toBe(200);
    expect(before.headers.get('content-type')).toMatch(/^text\/plain/);

    const [aliceSocket, bobSocket] = await openSockets(server(), alice, bob);
    const clientMsgIds = [randomUUID(), randomUUID(), randomUUID()];
    for (const clientMsgId of clientMsgIds) {
      const reply = await aliceSocket.request('message.send', {
        conversationId: chat,
        clientMsgId,
        text: 'hi',
      });
      expect(reply.error).toBeUndefined();
      await bobSocket.waitForEvent('message.created', (m) => m.clientMsgId === clientMsgId);
    }
    // A retry stores nothing, so it counts nothing.
    const retry = await aliceSocket.request('message.send', {
      conversationId: chat,
      clientMsgId: clientMsgIds[0],
      text: 'hi',
    });
    expect(retry.error).toBeUndefined();
    const after = await scrape(server(), metricsToken);
    await closeAll(aliceSocket, bobSocket);

    expect(after.status).toBe(200);
    const stored = (text: string) => sample(text, 'parley_messages_stored_total') ?? NaN;
    expect(stored(after.text) - stored(before.text)).toBe(3);
    // Each message reached bob and alice's own socket (message.created, read.updated).
    const delivered = (text: string) => sample(text, 'parley_deliveries_total') ?? NaN;
    expect(delivered(after.text) - delivered(before.text)).toBeGreaterThanOrEqual(6);
    expect(sample(after.text, 'parley_ws_connections')).toBeGreaterThanOrEqual(2);
    const sends = (text: string) => sample(text, 'parley_send_latency_seconds_count') ?? NaN;
    expect(sends(after.text) - sends(before.text)).toBe(4);
    expect(after.text).toMatch(/^parley_send_latency_seconds_bucket\{le="0\.1"\} \d+$/m);
    expect(after.text).toMatch(/^parley_bus_lag_seconds_count 0$/m);
    expect(after.text).toMatch(/^parley_bus_dropped_publishes_total 0$/m);
    expect(after.text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(after.text).toMatch(/^nodejs_heap_size_used_bytes /m);
  });

  it('reports the PostgreSQL pool, and nothing for SQLite’s single connection', async () => {
    const res = await scrape(server(), metricsToken);
    if (dialect === 'postgres') {
      expect(sample(res.text, 'parley_db_pool_connections')).toBeGreaterThanOrEqual(1);
      expect(sample(res.text, 'parley_db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
      expect(sample(res.text, 'parley_db_pool_waiting_clients')).toBe(0);
    } else {
      expect(res.text).not.toContain('parley_db_pool');
    }
  });
});

// Who may scrape does not depend on the store; one dialect is enough.
describe('metrics access by address', () => {
  const allowed = useServer('sqlite', { metricsAllow: '127.0.0.1' });
  const elsewhere = useServer('sqlite', { metricsAllow: '10.0.0.0/8, fd00::/8' });

  it('lets an allowed address scrape without a token', async () => {
    const res = await scrape(allowed());
    expect(res.status).toBe(200);
    expect(res.text).toContain('parley_ws_connections');
  });

  it('refuses an address outside the allow list when no token is set', async () => {
    expectError(await scrape(elsewhere()), 403, 'forbidden');
    expectError(await scrape(elsewhere(), metricsToken), 403, 'forbidden');
  });
});
