import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What a PostgreSQL pool (pg.Pool) tells about its connections. */
export interface PoolCounts {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

/** What the metrics read when Prometheus scrapes, rather than counting as things happen. */
export interface MetricSources {
  /** Signed-in WebSockets on this node (the gateway's fanout). */
  openSockets(): number;
  /** PostgreSQL's pool; undefined on SQLite, whose one connection is not worth a gauge. */
  pool?: PoolCounts | undefined;
}

/**
 * One Parley node's Prometheus instruments, served at /metrics (http/routes/metrics.ts). Each
 * node has its own registry, never prom-client's global one: tests run several nodes in one
 * process, and a global registry would refuse the second node's metrics. See docs/architecture.md, "Operations".
 */
export interface Metrics {
  registry: Registry;
  /** Messages inserted by a committed send batch; retried clientMsgIds store nothing and count nothing. */
  messagesStored: Counter;
  /** Event frames written to sockets by the fanout. */
  deliveries: Counter;
  /** From a send reaching the batcher to its ack being ready (stored and published), in seconds. */
  sendLatency: Histogram;
  /** From a bus publish on one node to its arrival at another, in seconds. */
  busLag: Histogram;
  /** Publishes the bus gave up on (Redis away, or its outgoing queue full). */
  busDropped: Counter;
  /** For the bus, which measures lag in milliseconds. */
  observeBusLag(ms: number): void;
}

/** Sub-millisecond to several seconds: a lone SQLite send takes well under 1 ms, a stalled one seconds. */
const latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry();
  // Event loop lag, heap, GC pauses, CPU, open handles: what tells a stalled node apart.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  new Gauge({
    name: 'parley_ws_connections',
    help: 'Signed-in WebSocket connections open on this node.',
    registers,
    collect() {
      this.set(sources.openSockets());
    },
  });
  const { pool } = sources;
  if (pool) {
    const poolGauge = (name: string, help: string, read: (p: PoolCounts) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read(pool));
        },
      });
    poolGauge('parley_db_pool_connections', 'PostgreSQL connections open in the pool.', (p) => p.totalCount);
    poolGauge('parley_db_pool_idle_connections', 'PostgreSQL pool connections idle.', (p) => p.idleCount);
    poolGauge(
      'parley_db_pool_waiting_clients',
      'Queries waiting for a free PostgreSQL pool connection.',
      (p) => p.waitingCount,
    );
  }

  const busLag = new Histogram({
    name: 'parley_bus_lag_seconds',
    help: 'Time from a bus publish on one node to its arrival on another.',
    buckets: latencyBuckets,
    registers,
  });
  return {
    registry,
    messagesStored: new Counter({
      name: 'parley_messages_stored_total',
      help: 'Messages stored (a retried send that stores nothing is not counted).',
      registers,
    }),
    deliveries: new Counter({
      name: 'parley_deliveries_total',
      help: 'Event frames written to WebSockets on this node.',
      registers,
    }),
    sendLatency: new Histogram({
      name: 'parley_send_latency_seconds',
      help: 'Time from a send reaching the server to its ack being ready (stored and published).',
      buckets: latencyBuckets,
      registers,
    }),
    busLag,
    busDropped: new Counter({
      name: 'parley_bus_dropped_publishes_total',
      help: 'Bus publishes given up on (Redis unreachable or its queue full).',
      registers,
    }),
    observeBusLag: (ms) => busLag.observe(ms / 1000),
  };
}
