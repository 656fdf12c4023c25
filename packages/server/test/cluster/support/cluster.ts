import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestServer } from '../../../src/testing.ts';
import { ServerProcess, freePort } from '../../proof/support/server-process.ts';
import { RedisServer } from './redis-server.ts';

/** One Parley process of a test cluster, shaped like a TestServer so the usual helpers (api, openSocket) take it. */
export interface ClusterNode extends TestServer {
  name: string;
  process: ServerProcess;
}

export interface Cluster {
  nodes: ClusterNode[];
  redis: RedisServer;
  databaseUrl: string;
  /** The folder every node keeps uploads in (PARLEY_BLOB_STORE), as a shared mount would be. */
  blobDir: string;
  close(): Promise<void>;
}

export interface ClusterOptions {
  /** Extra settings for every node. */
  env?: Record<string, string>;
}

/**
 * Several real Parley processes (`node --import tsx main.ts`) on one fresh PostgreSQL database,
 * one Redis of the cluster's own and one shared blob folder: a cluster as docs/deploy.md
 * describes, on loopback. The first node starts alone (it migrates the new database), the
 * others then together.
 */
export async function startCluster(count: number, options: ClusterOptions = {}): Promise<Cluster> {
  const root = mkdtempSync(path.join(tmpdir(), 'parley-cluster-'));
  const blobDir = path.join(root, 'shared-blobs');
  mkdirSync(blobDir);
  const [redis, database] = await Promise.all([RedisServer.start(), createTestDatabase()]);
  const nodes: ClusterNode[] = [];
  const close = async () => {
    await Promise.all(nodes.map((node) => node.process.kill()));
    await redis.stop();
    await database.drop();
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i += 1) {
      const name = String.fromCharCode(65 + i);
      const dataDir = path.join(root, `node-${name}`);
      mkdirSync(dataDir);
      const port = await freePort();
      const process = new ServerProcess(
        port,
        {
          PARLEY_DATA_DIR: dataDir,
          PARLEY_DATABASE_URL: database.url,
          PARLEY_REDIS_URL: redis.url,
          PARLEY_BLOB_STORE: blobDir,
          PARLEY_PASSWORD_HASH_COST: '12',
          PARLEY_LOG_LEVEL: 'warn',
          PARLEY_REQUESTS_PER_MINUTE: '100000',
          PARLEY_REGISTRATIONS_PER_HOUR: '100000',
          PARLEY_LOBBY: 'false',
          PARLEY_DRAIN_SECONDS: '3',
          ...options.env,
        },
        dataDir,
      );
      const url = `http://127.0.0.1:${port}`;
      nodes.push({
        name,
        process,
        url,
        wsUrl: `ws://127.0.0.1:${port}/ws`,
        dialect: 'postgres',
        get parley(): never {
          throw new Error('a cluster node runs in its own process');
        },
        close: () => process.stop(),
      });
    }
    await nodes[0]!.process.start();
    await Promise.all(nodes.slice(1).map((node) => node.process.start()));
  } catch (err) {
    await close();
    throw err;
  }
  return { nodes, redis, databaseUrl: database.url, blobDir, close };
}
