import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Parley, createParley } from '../app.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/settings.ts';
import { seedDemo } from './seed.ts';

/** The demo's own data folder, `.demo-data` at the top of the repository (git ignores it). */
export const demoDataDir = fileURLToPath(new URL('../../../../.demo-data', import.meta.url));

/** Written last by a finished seed: a folder without it is half-made and is made again. */
const markerName = 'demo-world.json';

export interface DemoOptions {
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Throw the old world away and seed a new one. */
  fresh?: boolean;
}

export interface Demo {
  parley: Parley;
  url: string;
  dataDir: string;
  /** When the world in the folder was made. */
  seededAt: string;
  /** Whether this start made it (false: an earlier run's world was reused). */
  seeded: boolean;
}

/**
 * The demo's settings: SQLite and uploads in the demo folder, listening on this machine only
 * (every account's password is printed for anyone to read). Nothing comes from the environment
 * or a parley.config.json: a PARLEY_DATA_DIR or PARLEY_DATABASE_URL meant for a real server
 * must never receive the demo's people.
 */
export function demoConfig(dataDir: string, port: number): Config {
  return loadConfig(
    {},
    {
      dataDir,
      port,
      host: '127.0.0.1',
      logLevel: 'warn',
      // The password is printed for all to read: a slow hash would protect nothing, and the
      // cheapest one keeps the seed (five registrations and a start-up hash) quick.
      passwordHashCost: 12,
    },
    { readFile: false },
  );
}

/** Seeds the demo folder when it is new (or `fresh`), then starts Parley on it. */
export async function startDemo({
  dataDir = demoDataDir,
  port = 8080,
  fresh = false,
}: DemoOptions = {}): Promise<Demo> {
  const marker = path.join(dataDir, markerName);
  let seeded = false;
  if (fresh || !existsSync(marker)) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    await seedDemo(demoConfig(dataDir, 0));
    writeFileSync(marker, `${JSON.stringify({ seededAt: new Date().toISOString() })}\n`);
    seeded = true;
  }
  const { seededAt } = JSON.parse(readFileSync(marker, 'utf8')) as { seededAt: string };
  const parley = await createParley(demoConfig(dataDir, port));
  try {
    const url = await parley.listen();
    return { parley, url, dataDir, seededAt, seeded };
  } catch (err) {
    await parley.close();
    throw err;
  }
}
