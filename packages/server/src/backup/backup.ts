import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { databaseUrlOf, loadConfig } from '../config/load.ts';
import type { Config } from '../config/settings.ts';
import { blobFolderOf } from '../media/blob-store.ts';
import { blobName } from '../media/blob-name.ts';
import { vapidKeysFile } from '../push/vapid-keys.ts';
import { version } from '../version.ts';
import {
  type Manifest,
  blobsPrefix,
  createArchive,
  postgresEntry,
  sqliteEntry,
  vapidEntry,
} from './archive.ts';
import { isMain, runCommand } from './command.ts';

const run = promisify(execFile);

/** What the database snapshot says: taken at one instant, so these agree with each other. */
interface Snapshot {
  file: string;
  entry: string;
  migration: string | null;
  blobs: { sha256: string; size: number }[];
}

/**
 * `npm run backup -- <file>`: one consistent archive of a Parley that may be running
 * (docs/deploy.md, "Backups"; the layout is in archive.ts).
 *
 * The order is the promise. First the database snapshot, taken at one instant: SQLite's
 * online backup from a connection of our own (WAL mode lets it read beside the server's
 * writer), or `pg_dump` inside a snapshot exported from a REPEATABLE READ transaction. The
 * blob list is read from that same snapshot, and only then are those blobs copied.
 * - A blob is stored (file in place, under the BlobLock) before any row names it, and a blob
 *   file never changes (it is named by its SHA-256), so every blob the snapshot names was
 *   complete on disk when the snapshot was taken.
 * - The only way a blob goes is the media sweep (actions/uploads/sweep-media.ts): it deletes
 *   the blob rows nothing points at, then their files. So a file can vanish between snapshot
 *   and copy only when it had become unreachable (an abandoned upload, a recalled message's
 *   attachment, an unused sticker) after the snapshot. Those few are listed in the manifest's
 *   `missingBlobs` and warned about; the restored server's own sweep removes their rows, as
 *   the live one did. Blobs stored after the snapshot are not copied: no row names them.
 * The archive is written to a temporary name beside `out` and renamed at the end, so a failed
 * backup never leaves a half archive under the requested name.
 */
export async function backup(
  config: Config,
  out: string,
  log: (line: string) => void = (line) => console.error(line),
): Promise<{ manifest: Manifest; bytes: number; ms: number }> {
  const started = Date.now();
  const blobFolder = blobFolderOf(config);
  if (!blobFolder) {
    throw new Error(
      'PARLEY_BLOB_STORE is an S3 bucket: backing up its objects is out of scope for `npm run backup`; back the bucket up with your S3 provider (versioning or replication) and the database with pg_dump',
    );
  }
  if (existsSync(out))
    throw new Error(`${out} exists already; give a new file name (a backup never overwrites)`);
  const work = path.join(path.dirname(out), `.${path.basename(out)}.partial-${process.pid}`);
  await mkdir(work, { recursive: false });
  try {
    const url = databaseUrlOf(config);
    log(`backup: snapshot of ${url.startsWith('sqlite:') ? url : 'the PostgreSQL database'}`);
    const snapshot = url.startsWith('sqlite:')
      ? await snapshotSqlite(url.slice('sqlite:'.length), work)
      : await snapshotPostgres(url, work);

    const total = (await stat(snapshot.file)).size + snapshot.blobs.reduce((sum, b) => sum + b.size, 0);
    let done = 0;
    let lastShown = 0;
    const onBytes = (n: number) => {
      done += n;
      if (done - lastShown >= 64 * 1024 * 1024) {
        lastShown = done;
        log(`backup: ${mib(done)} of about ${mib(total)}`);
      }
    };
    const partial = path.join(work, 'archive.tar.gz');
    const archive = await createArchive(partial, onBytes);
    await archive.addFile(snapshot.entry, snapshot.file);
    // PostgreSQL keeps the VAPID keys in the database; SQLite beside it (push/vapid-keys.ts).
    if (url.startsWith('sqlite:'))
      await archive.addFile(vapidEntry, path.join(config.dataDir, vapidKeysFile));
    const missingBlobs: string[] = [];
    for (const { sha256 } of snapshot.blobs) {
      const name = blobName(sha256);
      const copied = await archive.addFile(blobsPrefix + name, path.join(blobFolder, ...name.split('/')));
      if (!copied) missingBlobs.push(sha256);
    }
    if (missingBlobs.length > 0) {
      log(
        `backup: ${missingBlobs.length} blob(s) were deleted by the media sweep after the snapshot (files nothing showed any more); listed in the manifest`,
      );
    }
    const manifest = await archive.finish({
      format: 'parley-backup/1',
      parleyVersion: version,
      dialect: url.startsWith('sqlite:') ? 'sqlite' : 'postgres',
      migration: snapshot.migration,
      createdAt: new Date(started).toISOString(),
      missingBlobs,
    });
    await rename(partial, out);
    const bytes = (await stat(out)).size;
    const ms = Date.now() - started;
    log(
      `backup: wrote ${out}: ${mib(bytes)}, ${snapshot.blobs.length - missingBlobs.length} files, migration ${snapshot.migration}, in ${(ms / 1000).toFixed(1)} s`,
    );
    return { manifest, bytes, ms };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function snapshotSqlite(databaseFile: string, work: string): Promise<Snapshot> {
  if (!existsSync(databaseFile))
    throw new Error(`there is no database at ${databaseFile} (check PARLEY_DATA_DIR)`);
  const file = path.join(work, 'parley.db');
  const source = new SQLite(databaseFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // After the first small step, copy every remaining page in one step: one read transaction,
    // so a commit by the server in between cannot make SQLite start the copy over (and over).
    await source.backup(file, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const copy = new SQLite(file, { readonly: true });
  try {
    const migration = copy
      .prepare<[], { name: string }>('select name from parley_migrations order by name desc limit 1')
      .get();
    const blobs = copy.prepare<[], { sha256: string; size: number }>('select sha256, size from blobs').all();
    return { file, entry: sqliteEntry, migration: migration?.name ?? null, blobs };
  } finally {
    copy.close();
  }
}

/**
 * pg_dump runs inside a snapshot this connection exports, and the blob list is read in the same
 * transaction: both see the database at one instant, while the server keeps writing.
 */
async function snapshotPostgres(url: string, work: string): Promise<Snapshot> {
  const file = path.join(work, 'parley.pgdump');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read, read only');
    const exported = await client.query<{ id: string }>('select pg_export_snapshot() as id');
    const migration = await client.query<{ name: string }>(
      'select name from parley_migrations order by name desc limit 1',
    );
    const blobs = await client.query<{ sha256: string; size: string | number }>(
      'select sha256, size from blobs',
    );
    await run('pg_dump', ['--format=custom', `--snapshot=${exported.rows[0]!.id}`, `--file=${file}`, url], {
      maxBuffer: 16 * 1024 * 1024,
    }).catch((err: Error & { stderr?: string }) => {
      throw new Error(`pg_dump failed: ${err.stderr?.trim() || err.message}`, { cause: err });
    });
    await client.query('commit');
    return {
      file,
      entry: postgresEntry,
      migration: migration.rows[0]?.name ?? null,
      blobs: blobs.rows.map((row) => ({ sha256: row.sha256, size: Number(row.size) })),
    };
  } finally {
    await client.end();
  }
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

if (isMain(import.meta.url)) {
  runCommand('backup', async (file) => {
    await backup(loadConfig(), file);
  });
}
