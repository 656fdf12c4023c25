/**
 * What a send benchmark's run cost, read from the kernel and the database between two moments:
 * CPU seconds of the Parley processes, Redis, PostgreSQL and the whole machine (/proc/<pid>/stat,
 * /proc/stat), bytes the Parley processes wrote to disk (`write_bytes` of /proc/<pid>/io: what
 * reached the page cache for storage, SQLite's WAL and checkpoints included; socket writes are
 * not in it), and on PostgreSQL the WAL it generated (pg_current_wal_lsn) and the bytes its
 * processes wrote (their `write_bytes`; data pages written by a later checkpoint are not counted).
 * PostgreSQL figures are of the whole cluster's background processes plus this database's
 * backends, so other work on the same PostgreSQL at the time would show in them.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { testPostgresUrl } from '../../packages/server/src/testing.ts';
import { cpuSeconds, machineCpuSeconds } from './support.ts';

export interface Probe {
  serverPids: number[];
  redisPid?: number;
  /** The benchmark's own PostgreSQL database, when it runs on one. */
  databaseUrl?: string;
}

interface Reading {
  server: number;
  redis: number;
  machine: number;
  serverWritten: number;
  postgres?: { cpu: Map<number, number>; written: Map<number, number>; walBytes: number };
}

export interface Usage {
  serverCpu: number;
  redisCpu: number;
  machineCpu: number;
  serverWritten: number;
  postgresCpu?: number;
  postgresWritten?: number;
  walBytes?: number;
}

/** Bytes the processes have caused to be written to storage so far (/proc/<pid>/io). */
export function writtenBytes(pids: number[]): number {
  let bytes = 0;
  for (const pid of pids) {
    const line = readFileSync(`/proc/${pid}/io`, 'utf8').match(/^write_bytes: (\d+)$/m);
    bytes += Number(line?.[1] ?? 0);
  }
  return bytes;
}

/** Starts measuring; the function returned ends it and says what was used in between. */
export async function startMeter(probe: Probe): Promise<() => Promise<Usage>> {
  const admin = probe.databaseUrl ? new pg.Client({ connectionString: testPostgresUrl }) : null;
  await admin?.connect();
  const database = probe.databaseUrl ? new URL(probe.databaseUrl).pathname.slice(1) : '';

  const read = async (): Promise<Reading> => ({
    server: cpuSeconds(probe.serverPids),
    redis: cpuSeconds([probe.redisPid]),
    machine: machineCpuSeconds(),
    serverWritten: writtenBytes(probe.serverPids),
    ...(admin && { postgres: await readPostgres(admin, database) }),
  });
  const before = await read();
  return async () => {
    const after = await read();
    await admin?.end();
    return {
      serverCpu: after.server - before.server,
      redisCpu: after.redis - before.redis,
      machineCpu: after.machine - before.machine,
      serverWritten: after.serverWritten - before.serverWritten,
      ...(after.postgres &&
        before.postgres && {
          postgresCpu: sumDelta(before.postgres.cpu, after.postgres.cpu),
          postgresWritten: sumDelta(before.postgres.written, after.postgres.written),
          walBytes: after.postgres.walBytes - before.postgres.walBytes,
        }),
    };
  };
}

/** This database's backends and the cluster's background processes: CPU and bytes written, by pid; the WAL position. */
async function readPostgres(admin: pg.Client, database: string): Promise<NonNullable<Reading['postgres']>> {
  const { rows } = await admin.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = $1 or datname is null',
    [database],
  );
  const [wal] = (
    await admin.query<{ bytes: string }>("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text as bytes")
  ).rows;
  const cpu = new Map<number, number>();
  const written = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      cpu.set(pid, cpuSeconds([pid]));
      written.set(pid, writtenBytes([pid]));
    } catch {
      // ended between the query and the read
    }
  }
  return { cpu, written, walBytes: Number(wal!.bytes) };
}

/** What each process used between the readings; one that started in between counts from zero. */
function sumDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, value] of after) total += value - (before.get(pid) ?? 0);
  return total;
}

/**
 * The usage as the benchmarks print it: CPU seconds per 1,000 of `counted` (`what`: messages or
 * deliveries), bytes written per message stored and per second of the run.
 */
export function describeUsage(
  usage: Usage,
  run: { counted: number; what: string; messages: number; seconds: number },
): string {
  const per = (seconds: number) => {
    const value = seconds / (run.counted / 1000);
    return value.toFixed(value < 0.1 ? 4 : 3); // room deliveries cost thousandths
  };
  const disk = (bytes: number) =>
    `${(bytes / run.messages / 1024).toFixed(2)} KB per message (${(bytes / run.seconds / 1e6).toFixed(1)} MB/s)`;
  const cpu = [
    `Parley ${per(usage.serverCpu)}`,
    ...(usage.redisCpu > 0 ? [`Redis ${per(usage.redisCpu)}`] : []),
    ...(usage.postgresCpu !== undefined ? [`PostgreSQL ${per(usage.postgresCpu)}`] : []),
    `whole machine ${per(usage.machineCpu)}`,
  ];
  const written = [
    `Parley wrote ${disk(usage.serverWritten)}`,
    ...(usage.walBytes !== undefined
      ? [
          `PostgreSQL WAL ${disk(usage.walBytes)}`,
          `PostgreSQL processes wrote ${disk(usage.postgresWritten!)}`,
        ]
      : []),
  ];
  return `CPU-s per 1,000 ${run.what}: ${cpu.join(', ')}. Disk: ${written.join('; ')}`;
}
