import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';
import type { Dialect } from '../store/connect.ts';

/**
 * The layout of a Parley backup (docs/deploy.md, "Backups"): one .tar.gz holding
 *
 *   database/parley.db         SQLite: the online-backup snapshot, or
 *   database/parley.pgdump     PostgreSQL: `pg_dump --format=custom`
 *   keys/vapid-keys.json       the Web Push key pair, when the server keeps it in the data folder
 *   blobs/ab/cd/<sha256>       every stored file the snapshot's `blobs` table names
 *   manifest.json              last, since it carries every other entry's size and SHA-256
 */
export const manifestName = 'manifest.json';
export const sqliteEntry = 'database/parley.db';
export const postgresEntry = 'database/parley.pgdump';
export const vapidEntry = 'keys/vapid-keys.json';
export const blobsPrefix = 'blobs/';

export interface ManifestFile {
  name: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: 'parley-backup/1';
  parleyVersion: string;
  dialect: Dialect;
  /** The last migration the snapshot had run; a restored server runs any newer ones at start. */
  migration: string | null;
  createdAt: string;
  files: ManifestFile[];
  /** Blobs the snapshot names whose files were gone by the time they were copied (see backup.ts). */
  missingBlobs: string[];
}

/** Counts and hashes the bytes going through, for the manifest and the progress line. */
class Measure extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  constructor(private readonly onBytes: (n: number) => void = () => {}) {
    super();
  }
  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (err?: Error | null, data?: Buffer) => void,
  ) {
    this.hash.update(chunk);
    this.size += chunk.length;
    this.onBytes(chunk.length);
    done(null, chunk);
  }
}

/**
 * Writes a gzipped tar to `file` (created with mode 0600: it holds password hashes and the
 * server's private key). Add entries one at a time with `addFile`, then `finish()` with the
 * manifest. `onBytes` hears every input byte, for progress.
 */
export async function createArchive(file: string, onBytes: (n: number) => void) {
  const pack = tar.pack();
  const gzip = createGzip();
  const out = createWriteStream(file, { mode: 0o600, flags: 'wx' });
  const written = pipeline(pack, gzip, out);
  // Surface a write failure (disk full) through the next addFile/finish instead of an unhandled rejection.
  let failure: unknown = null;
  written.catch((err: unknown) => (failure = err));
  const files: ManifestFile[] = [];

  /** Adds the file at `source` as `name`; false when `source` is gone (ENOENT). */
  async function addFile(name: string, source: string): Promise<boolean> {
    if (failure) throw failure;
    let handle;
    try {
      handle = await open(source);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
    // The size comes from the open file, and a tar header needs it first; our files never
    // change once in place (blobs are immutable, the snapshot and keys are ours alone).
    const { size } = await handle.stat();
    const measure = new Measure(onBytes);
    const entry = pack.entry({ name, size, mode: 0o600, mtime: new Date() });
    await pipeline(handle.createReadStream(), measure, entry);
    files.push({ name, size: measure.size, sha256: measure.hash.digest('hex') });
    return true;
  }

  async function finish(manifest: Omit<Manifest, 'files'>): Promise<Manifest> {
    if (failure) throw failure;
    const whole: Manifest = { ...manifest, files };
    const body = Buffer.from(`${JSON.stringify(whole, null, 2)}\n`);
    pack.entry({ name: manifestName, size: body.length, mode: 0o600, mtime: new Date() }, body);
    pack.finalize();
    await written;
    const handle = await open(file, 'r');
    await handle.sync();
    await handle.close();
    return whole;
  }

  return { addFile, finish };
}

/**
 * Unpacks `file` into `into`, checking each entry against the manifest (size and SHA-256) and
 * that nothing the manifest lists is missing or extra. Throws on any mismatch; the caller
 * throws `into` away then. Entry names are checked to stay inside `into`.
 */
export async function extractArchive(file: string, into: string): Promise<Manifest> {
  const extract = tar.extract();
  const seen = new Map<string, { size: number; sha256: string }>();
  let manifestText: string | null = null;
  const reading = pipeline(createReadStream(file), createGunzip(), extract);
  reading.catch(() => {}); // awaited below; the loop sees the same failure as a destroyed stream
  for await (const entry of extract) {
    const name = entry.header.name;
    if (entry.header.type !== 'file')
      throw new Error(`the archive holds an unexpected ${entry.header.type} entry ${name}`);
    const target = path.resolve(into, name);
    if (!target.startsWith(path.resolve(into) + path.sep)) {
      throw new Error(`the archive entry ${name} points outside the restore folder`);
    }
    if (name === manifestName) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      manifestText = Buffer.concat(chunks).toString('utf8');
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    const measure = new Measure();
    await pipeline(entry, measure, createWriteStream(target, { mode: 0o600, flags: 'wx' }));
    seen.set(name, { size: measure.size, sha256: measure.hash.digest('hex') });
  }
  await reading;
  if (manifestText === null)
    throw new Error(`${file} has no ${manifestName}: not a Parley backup, or cut short`);
  const manifest = JSON.parse(manifestText) as Manifest;
  if (manifest.format !== 'parley-backup/1')
    throw new Error(`${file}: unknown backup format ${manifest.format}`);
  for (const listed of manifest.files) {
    const got = seen.get(listed.name);
    if (!got) throw new Error(`the archive is missing ${listed.name}, which its manifest lists`);
    if (got.size !== listed.size || got.sha256 !== listed.sha256) {
      throw new Error(`${listed.name} is damaged: its bytes do not match the manifest's SHA-256`);
    }
    seen.delete(listed.name);
  }
  if (seen.size > 0)
    throw new Error(`the archive holds files its manifest does not list: ${[...seen.keys()].join(', ')}`);
  return manifest;
}
