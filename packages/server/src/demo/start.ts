import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Parley, createParley } from '../app.ts';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/settings.ts';
import { seedDemo } from './seed.ts';

/** The demo's own data folder, `.demo-data` at the top of the repository (git ignores it). */
export const demoDataDir = fileURLToPath(new URL('../../../../.demo-data', import.meta.url));

/** Marks the folder as the demo's; `seededAt` is set once the seed has finished. */
const markerName = 'demo-world.json';

export interface DemoOptions {
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Throw the old world away and seed a new one. */
  fresh?: boolean;
  /** The built web client to serve; apps/web/dist by default (the docs screenshot serves its own build). */
  webDir?: string;
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
export function demoConfig(dataDir: string, port: number, webDir?: string): Config {
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
      ...(webDir !== undefined && { webDir }),
    },
    { readFile: false },
  );
}

/**
 * Seeds the demo folder when it is new (or `fresh`), then starts Parley on it. Only a folder
 * that is missing, empty or marked as the demo's is ever emptied: pointed at anything else by
 * mistake, the demo refuses rather than wipe it.
 */
export async function startDemo({
  dataDir = demoDataDir,
  port = 8080,
  fresh = false,
  webDir,
}: DemoOptions = {}): Promise<Demo> {
  const marker = path.join(dataDir, markerName);
  const readMarker = () =>
    existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as { seededAt: string | null }) : null;
  let seeded = false;
  if (fresh || !readMarker()?.seededAt) {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0 && !existsSync(marker)) {
      throw new Error(`${dataDir} is not the demo's folder (it has no ${markerName}); not touching it`);
    }
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    // Marked before the seed writes anything, so a seed cut short is made again next time.
    writeFileSync(marker, `${JSON.stringify({ seededAt: null })}\n`);
    await seedDemo(demoConfig(dataDir, 0));
    writeFileSync(marker, `${JSON.stringify({ seededAt: new Date().toISOString() })}\n`);
    seeded = true;
  }
  const seededAt = readMarker()!.seededAt!;
  const parley = await createParley(demoConfig(dataDir, port, webDir));
  try {
    const url = await parley.listen();
    return { parley, url, dataDir, seededAt, seeded };
  } catch (err) {
    await parley.close();
    throw err;
  }
}
