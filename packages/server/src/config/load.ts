import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Config, type SettingKey, settings } from './settings.ts';

/** A setting had a value Parley cannot use; the message names the setting and what is allowed. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads settings from, in rising priority: defaults, the JSON config file (PARLEY_CONFIG, or
 * ./parley.config.json when present), environment variables, and `overrides` (tests).
 * Every value is validated; the first wrong one throws a ConfigError naming it.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<SettingKey, unknown>> = {},
  { readFile = true }: { readFile?: boolean } = {},
): Config {
  const file = readFile ? readConfigFile(env) : {};
  const unknownKeys = Object.keys(file).filter((k) => !(k in settings));
  if (unknownKeys.length > 0) {
    throw new ConfigError(
      `config file: unknown setting ${unknownKeys.map((k) => `"${k}"`).join(', ')}; known settings: ${Object.keys(settings).join(', ')}`,
    );
  }
  const config: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(settings) as [SettingKey, (typeof settings)[SettingKey]][]) {
    let raw: unknown;
    let source: string;
    if (key in overrides) {
      raw = overrides[key];
      source = key;
    } else if (env[setting.env] !== undefined && env[setting.env] !== '') {
      raw = env[setting.env];
      source = setting.env;
    } else if (key in file) {
      raw = file[key];
      source = `config file "${key}"`;
    } else {
      raw = setting.default;
      source = `${setting.env} (default)`;
    }
    const text = raw === undefined ? undefined : typeof raw === 'string' ? raw : String(raw);
    const parsed = setting.schema.safeParse(text);
    if (!parsed.success) {
      const why = parsed.error.issues.map((i) => i.message).join('; ');
      throw new ConfigError(`${source}: invalid value ${JSON.stringify(raw)}: ${why}`);
    }
    config[key] = parsed.data;
  }
  checkTogether(config as Config);
  return config as Config;
}

/** Settings that are fine alone but not together. */
function checkTogether(config: Config): void {
  if (config.redisUrl && !/^postgres(ql)?:\/\//.test(config.databaseUrl ?? '')) {
    throw new ConfigError(
      'PARLEY_REDIS_URL is for several nodes, and they must share one PostgreSQL database: set PARLEY_DATABASE_URL=postgres://… too, or unset PARLEY_REDIS_URL to run one node on SQLite',
    );
  }
  if (config.redisUrl && !config.blobStore) {
    throw new ConfigError(
      'PARLEY_REDIS_URL is for several nodes, and they must share their files: set PARLEY_BLOB_STORE to a folder every node mounts or to s3://bucket/prefix (the default, <dataDir>/blobs, belongs to one node)',
    );
  }
}

function readConfigFile(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const explicit = env.PARLEY_CONFIG;
  const file = explicit ?? path.resolve('parley.config.json');
  if (!explicit && !existsSync(file)) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`PARLEY_CONFIG: cannot read ${file}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`PARLEY_CONFIG: ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(`PARLEY_CONFIG: ${file} must hold a JSON object of settings`);
  }
  return data as Record<string, unknown>;
}

/** Where the database lives: the URL as given, or the SQLite file in the data folder. */
export function databaseUrlOf(config: Config): string {
  return config.databaseUrl ?? `sqlite:${path.join(config.dataDir, 'parley.db')}`;
}
