import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { databaseUrlOf, loadConfig } from '../config/load.ts';
import type { Config } from '../config/settings.ts';
import { blobFolderOf } from '../media/blob-store.ts';
import { moveFile } from '../media/move-file.ts';
import { vapidKeysFile } from '../push/vapid-keys.ts';
import {
  type Manifest,
  blobsPrefix,
  extractArchive,
  postgresEntry,
  sqliteEntry,
  vapidEntry,
} from './archive.ts';
import { isMain, runCommand } from './command.ts';

const run = promisify(execFile);

/**
 * `npm run restore -- <file>`: brings a backup (backup.ts) back into an empty data folder and,
 * for PostgreSQL, an empty database, both as the server's configuration names them. Nothing is
 * put in place until the whole archive has been unpacked and every file matched the manifest's
 * SHA-256. The server, started afterwards, runs the migrations newer than the backup.
 */
export async function restore(
  config: Config,
  file: string,
  log: (line: string) => void = (line) => console.error(line),
): Promise<Manifest> {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  const blobFolder = blobFolderOf(config);
  if (!blobFolder)
    throw new Error(
      'PARLEY_BLOB_STORE is an S3 bucket: restoring into S3 is out of scope for `npm run restore`',
    );
  const dataDir = path.resolve(config.dataDir);
  const url = databaseUrlOf(config);
  const dialect = url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
  const databaseFile = dialect === 'sqlite' ? path.resolve(url.slice('sqlite:'.length)) : null;

  await refuseUnlessEmpty(dataDir, 'PARLEY_DATA_DIR');
  await refuseUnlessEmpty(blobFolder, 'PARLEY_BLOB_STORE');
  if (databaseFile && existsSync(databaseFile)) {
    throw new Error(`${databaseFile} exists: restore only into a new database (PARLEY_DATABASE_URL)`);
  }
  if (dialect === 'postgres') await refuseUnlessEmptyDatabase(url);

  await mkdir(dataDir, { recursive: true });
  const staging = path.join(dataDir, `.restore-${process.pid}`);
  try {
    log(`restore: unpacking and checking ${file}`);
    const manifest = await extractArchive(file, staging);
    if (manifest.dialect !== dialect) {
      throw new Error(
        `this is a backup of a ${manifest.dialect} database, but the configuration names ${dialect} (PARLEY_DATABASE_URL)`,
      );
    }
    const staged = (name: string) => path.join(staging, ...name.split('/'));
    if (databaseFile) {
      await moveFile(staged(sqliteEntry), databaseFile);
    } else {
      await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${url}`, staged(postgresEntry)], {
        maxBuffer: 16 * 1024 * 1024,
      }).catch((err: Error & { stderr?: string }) => {
        throw new Error(`pg_restore failed: ${err.stderr?.trim() || err.message}`, { cause: err });
      });
    }
    let blobs = 0;
    for (const { name } of manifest.files) {
      if (name === vapidEntry) await moveFile(staged(name), path.join(dataDir, vapidKeysFile));
      if (name.startsWith(blobsPrefix)) {
        await moveFile(staged(name), path.join(blobFolder, ...name.slice(blobsPrefix.length).split('/')));
        blobs += 1;
      }
    }
    log(
      `restore: done: database (migration ${manifest.migration}, Parley ${manifest.parleyVersion}, backed up ${manifest.createdAt}), ${blobs} files; start Parley now`,
    );
    return manifest;
  } catch (err) {
    // The database is put in place first; a failure after it must not leave a database
    // without its files, which the next attempt would then refuse to overwrite.
    if (databaseFile) await rm(databaseFile, { force: true });
    throw err;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function refuseUnlessEmpty(folder: string, setting: string): Promise<void> {
  const entries = await readdir(folder).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  if (entries.length > 0) {
    throw new Error(
      `${folder} (${setting}) is not empty: restore only into an empty folder, so nothing of another Parley is mixed in`,
    );
  }
}

async function refuseUnlessEmptyDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      "select count(*) from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')",
    );
    if (Number(rows[0]!.count) > 0) {
      throw new Error(
        'the database PARLEY_DATABASE_URL names already has tables: restore only into an empty database',
      );
    }
  } finally {
    await client.end();
  }
}

if (isMain(import.meta.url)) {
  runCommand('restore', async (file) => {
    await restore(loadConfig(), file);
  });
}
