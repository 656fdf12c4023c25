import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.ts';
import { runServerProcess } from '../support/process.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'parley-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a JSON config file and returns its path. */
function configFile(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** The ConfigError `work` throws; fails the test when it throws nothing or something else. */
function configErrorOf(work: () => unknown): ConfigError {
  try {
    work();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError, but loading succeeded');
}

describe('loadConfig', () => {
  it('uses the defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: './data',
      registration: 'open',
      singleSession: false,
      allowedOrigins: [],
      trustProxy: false,
      loginMaxFailures: 10,
    });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reads and converts environment variables', () => {
    const config = loadConfig({
      PARLEY_PORT: '9000',
      PARLEY_SINGLE_SESSION: 'true',
      PARLEY_REGISTRATION: 'invite',
      PARLEY_ALLOWED_ORIGINS: 'https://a.example, https://b.example:8443',
      PARLEY_DATABASE_URL: 'postgres://parley@db.internal/parley',
    });
    expect(config.port).toBe(9000);
    expect(config.singleSession).toBe(true);
    expect(config.registration).toBe('invite');
    expect(config.allowedOrigins).toEqual(['https://a.example', 'https://b.example:8443']);
    expect(config.databaseUrl).toBe('postgres://parley@db.internal/parley');
  });

  it('lets overrides beat the environment', () => {
    expect(loadConfig({ PARLEY_PORT: '9000' }, { port: 0 }).port).toBe(0);
  });

  it('refuses a port that is not a number, naming PARLEY_PORT and what it must be', () => {
    const err = configErrorOf(() => loadConfig({ PARLEY_PORT: 'abc' }));
    expect(err.message).toContain('PARLEY_PORT');
    expect(err.message).toContain('abc');
    expect(err.message).toMatch(/number/);
  });

  it('refuses a port out of range', () => {
    const err = configErrorOf(() => loadConfig({ PARLEY_PORT: '70000' }));
    expect(err.message).toContain('PARLEY_PORT');
    expect(err.message).toContain('65535');
  });

  it('refuses an unknown registration policy, naming PARLEY_REGISTRATION and the allowed values', () => {
    const err = configErrorOf(() => loadConfig({ PARLEY_REGISTRATION: 'maybe' }));
    expect(err.message).toContain('PARLEY_REGISTRATION');
    expect(err.message).toContain('maybe');
    for (const allowed of ['open', 'invite', 'closed']) expect(err.message).toContain(allowed);
  });

  it('takes PARLEY_SQLITE_SYNC=full and refuses a level SQLite has but Parley does not offer', () => {
    expect(loadConfig({ PARLEY_SQLITE_SYNC: 'full' }).sqliteSync).toBe('full');
    const err = configErrorOf(() => loadConfig({ PARLEY_SQLITE_SYNC: 'off' }));
    expect(err.message).toContain('PARLEY_SQLITE_SYNC');
    for (const allowed of ['normal', 'full']) expect(err.message).toContain(allowed);
  });

  it('refuses a yes/no setting that is neither, naming it', () => {
    const err = configErrorOf(() => loadConfig({ PARLEY_SINGLE_SESSION: 'sometimes' }));
    expect(err.message).toContain('PARLEY_SINGLE_SESSION');
    expect(err.message).toContain('true');
  });

  it('takes a proxy address list or a hop count for PARLEY_TRUST_PROXY', () => {
    expect(loadConfig({ PARLEY_TRUST_PROXY: '127.0.0.1,10.0.0.0/8' }).trustProxy).toBe(
      '127.0.0.1,10.0.0.0/8',
    );
    expect(loadConfig({ PARLEY_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ PARLEY_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('refuses to trust every X-Forwarded-For (PARLEY_TRUST_PROXY=true) and explains what to give', () => {
    const err = configErrorOf(() => loadConfig({ PARLEY_TRUST_PROXY: 'true' }));
    expect(err.message).toContain('PARLEY_TRUST_PROXY');
    expect(err.message).toContain('hop count');
    expect(configErrorOf(() => loadConfig({ PARLEY_TRUST_PROXY: 'my-proxy' })).message).toContain('CIDR');
  });

  it('refuses a Redis setting with SQLite, saying that several nodes need PostgreSQL', () => {
    const err = configErrorOf(() =>
      loadConfig({ PARLEY_REDIS_URL: 'redis://127.0.0.1:6379' }, {}, { readFile: false }),
    );
    expect(err.message).toContain('PARLEY_REDIS_URL');
    expect(err.message).toContain('PARLEY_DATABASE_URL=postgres://');
    const cluster = {
      PARLEY_REDIS_URL: 'redis://127.0.0.1:6379',
      PARLEY_DATABASE_URL: 'postgres://parley@db/parley',
      PARLEY_BLOB_STORE: '/mnt/parley-files',
    };
    expect(loadConfig(cluster, {}, { readFile: false }).redisUrl).toBe('redis://127.0.0.1:6379');
    // Several nodes need files they all reach, not each its own <dataDir>/blobs.
    const noSharedFiles = configErrorOf(() =>
      loadConfig({ ...cluster, PARLEY_BLOB_STORE: undefined }, {}, { readFile: false }),
    );
    expect(noSharedFiles.message).toContain('PARLEY_BLOB_STORE');
    expect(configErrorOf(() => loadConfig({ PARLEY_REDIS_URL: 'localhost:6379' })).message).toContain(
      'redis://',
    );
  });

  it('takes a folder or an s3:// address for PARLEY_BLOB_STORE, and refuses a bad bucket name', () => {
    expect(loadConfig({ PARLEY_BLOB_STORE: '/mnt/shared' }, {}, { readFile: false }).blobStore).toBe(
      '/mnt/shared',
    );
    expect(
      loadConfig({ PARLEY_BLOB_STORE: 's3://parley-files/prod' }, {}, { readFile: false }).blobStore,
    ).toBe('s3://parley-files/prod');
    expect(configErrorOf(() => loadConfig({ PARLEY_BLOB_STORE: 's3://Bad_Bucket' })).message).toContain(
      'PARLEY_BLOB_STORE',
    );
  });

  it('takes addresses and CIDRs for PARLEY_METRICS_ALLOW, refusing a prefix that does not fit', () => {
    expect(
      loadConfig({ PARLEY_METRICS_ALLOW: '10.0.0.0/8, ::1' }, {}, { readFile: false }).metricsAllow,
    ).toEqual(['10.0.0.0/8', '::1']);
    for (const bad of ['10.0.0.0/abc', '10.0.0.0/33', 'prometheus']) {
      expect(configErrorOf(() => loadConfig({ PARLEY_METRICS_ALLOW: bad })).message).toContain(
        'PARLEY_METRICS_ALLOW',
      );
    }
  });

  it('reads a JSON config file named by PARLEY_CONFIG', () => {
    const file = configFile('basic.json', { port: 7000, registration: 'closed', singleSession: true });
    const config = loadConfig({ PARLEY_CONFIG: file });
    expect(config.port).toBe(7000);
    expect(config.registration).toBe('closed');
    expect(config.singleSession).toBe(true);
  });

  it('lets the environment beat the config file', () => {
    const file = configFile('beaten.json', { port: 7000, registration: 'closed' });
    const config = loadConfig({ PARLEY_CONFIG: file, PARLEY_PORT: '9000' });
    expect(config.port).toBe(9000);
    expect(config.registration).toBe('closed');
  });

  it('refuses an unknown key in the config file, naming it', () => {
    const file = configFile('unknown.json', { port: 7000, colour: 'blue' });
    const err = configErrorOf(() => loadConfig({ PARLEY_CONFIG: file }));
    expect(err.message).toContain('colour');
  });

  it('refuses a wrong value in the config file, naming the key', () => {
    const file = configFile('wrong.json', { registration: 'maybe' });
    const err = configErrorOf(() => loadConfig({ PARLEY_CONFIG: file }));
    expect(err.message).toContain('registration');
    expect(err.message).toContain('maybe');
  });

  it('refuses a config file that is missing or not JSON, naming PARLEY_CONFIG', () => {
    const missing = configErrorOf(() => loadConfig({ PARLEY_CONFIG: path.join(dir, 'nope.json') }));
    expect(missing.message).toContain('PARLEY_CONFIG');
    const broken = configErrorOf(() => loadConfig({ PARLEY_CONFIG: configFile('broken.json', '{ port: ') }));
    expect(broken.message).toContain('PARLEY_CONFIG');
    const list = configErrorOf(() => loadConfig({ PARLEY_CONFIG: configFile('list.json', [1, 2]) }));
    expect(list.message).toContain('PARLEY_CONFIG');
  });
});

describe('the server process', () => {
  it('exits non-zero and names the setting when PARLEY_PORT is wrong', async () => {
    const server = runServerProcess({ PARLEY_PORT: 'abc', PARLEY_DATA_DIR: dir }, dir);
    const code = await server.exited;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(server.stderr()).toContain('PARLEY_PORT');
    expect(server.stderr()).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('refuses to start with Redis on SQLite, with the reason and no stack trace', async () => {
    const server = runServerProcess(
      { PARLEY_REDIS_URL: 'redis://127.0.0.1:6379', PARLEY_DATA_DIR: dir },
      dir,
    );
    expect(await server.exited).toBe(2);
    expect(server.stderr()).toContain('several nodes');
    expect(server.stderr()).not.toMatch(/\n\s+at /);
  }, 30_000);
});
