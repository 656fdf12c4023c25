import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { Upload } from '@tus/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { newId } from '../../src/ids.ts';
import { mediaFolders } from '../../src/media/folders.ts';
import type { Overrides } from '../support/server.ts';
import { type TestS3, startTestS3 } from '../support/s3.ts';
import { filesUnder, sha256 } from '../support/uploads.ts';

/** One store as the nodes see it, and what it holds, looked at from outside the code under test. */
interface StoreUnderTest {
  settings: Overrides;
  /** Names of the stored blobs (folder paths or keys), partial uploads left out. */
  blobs(): Promise<string[]>;
  /** Names of whatever partial uploads left behind. */
  partials(): Promise<string[]>;
}

const MiB = 1024 * 1024;
const scratch: string[] = [];
const tempDir = (root = tmpdir()) => {
  const dir = mkdtempSync(path.join(root, 'parley-blobs-'));
  scratch.push(dir);
  return dir;
};
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A node's media: its own data folder, the store from `settings`. */
const openNode = (settings: Overrides) =>
  mediaFolders(loadConfig({}, { dataDir: tempDir(), ...settings }, { readFile: false }));

/** A file of `bytes` in a folder of its own (one on tmpfs when there is one: another file system). */
function fileOf(bytes: Buffer, root?: string): string {
  const file = path.join(tempDir(root), 'incoming');
  writeFileSync(file, bytes);
  return file;
}

describe.each(['folder', 's3'] as const)('the %s blob store', (kind) => {
  let s3: TestS3 | undefined;
  let store: StoreUnderTest;
  beforeAll(async () => {
    if (kind === 'folder') {
      const shared = tempDir();
      const partial = path.join(shared, '.partial');
      store = {
        settings: { blobStore: shared },
        blobs: async () => filesUnder(shared).filter((f) => !f.startsWith('.partial')),
        partials: async () => filesUnder(partial),
      };
    } else {
      s3 = await startTestS3();
      store = {
        settings: s3.settings('contract'),
        blobs: async () => (await s3!.keys('contract/')).filter((k) => !k.startsWith('contract/partial/')),
        partials: () => s3!.keys('contract/partial/'),
      };
    }
  });
  afterAll(() => s3?.stop());

  it('keeps a file under its hash and gives back all of it or any range of it', async () => {
    const { blobs } = await openNode(store.settings);
    const bytes = Buffer.from('0123456789abcdefghij');
    const sha = sha256(bytes);
    const file = fileOf(bytes);
    await blobs.put(sha, file);
    expect(existsSync(file)).toBe(false);
    expect(await blobs.size(sha)).toBe(20);
    expect(await text(await blobs.read(sha))).toBe('0123456789abcdefghij');
    expect(await text(await blobs.read(sha, { start: 0, end: 0 }))).toBe('0');
    expect(await text(await blobs.read(sha, { start: 3, end: 10 }))).toBe('3456789a');
    expect(await text(await blobs.read(sha, { start: 19, end: 19 }))).toBe('j');
  });

  it('knows nothing of a blob never stored: no size, a refused read, a harmless remove', async () => {
    const { blobs } = await openNode(store.settings);
    const sha = sha256(randomBytes(16));
    expect(await blobs.size(sha)).toBeNull();
    await expect(blobs.read(sha)).rejects.toThrow();
    await blobs.remove(sha);
  });

  it('stores the same bytes once, however often and from whichever node they are put', async () => {
    const [alpha, beta] = await Promise.all([openNode(store.settings), openNode(store.settings)]);
    const bytes = randomBytes(4096);
    const sha = sha256(bytes);
    const [first, second] = [fileOf(bytes), fileOf(bytes)];
    await alpha.blobs.put(sha, first);
    await beta.blobs.put(sha, second);
    expect([existsSync(first), existsSync(second)]).toEqual([false, false]);
    expect((await store.blobs()).filter((name) => name.endsWith(sha))).toHaveLength(1);
    expect(Buffer.concat(await (await beta.blobs.read(sha)).toArray()).equals(bytes)).toBe(true);
  });

  it('takes a file from another folder, on another file system where there is one', async () => {
    const { blobs } = await openNode(store.settings);
    const bytes = randomBytes(100_000);
    const sha = sha256(bytes);
    const file = fileOf(bytes, existsSync('/dev/shm') ? '/dev/shm' : undefined);
    await blobs.put(sha, file);
    expect(existsSync(file)).toBe(false);
    const back = Buffer.concat(await (await blobs.read(sha)).toArray());
    expect(back.equals(bytes)).toBe(true);
  });

  it('removes a blob', async () => {
    const { blobs } = await openNode(store.settings);
    const bytes = randomBytes(64);
    const sha = sha256(bytes);
    await blobs.put(sha, fileOf(bytes));
    await blobs.remove(sha);
    expect(await blobs.size(sha)).toBeNull();
    expect((await store.blobs()).filter((name) => name.endsWith(sha))).toEqual([]);
  });

  it('refuses to start on a store it cannot use, naming the setting', async () => {
    if (kind === 'folder') {
      const notAFolder = path.join(tempDir(), 'file');
      writeFileSync(notAFolder, '');
      await expect(openNode({ blobStore: path.join(notAFolder, 'blobs') })).rejects.toThrow(
        /PARLEY_BLOB_STORE/,
      );
      return;
    }
    const noBucket = { ...store.settings, blobStore: 's3://no-such-bucket/x' };
    await expect(openNode(noBucket)).rejects.toThrow(
      /PARLEY_BLOB_STORE=s3:\/\/no-such-bucket.*PARLEY_S3_ENDPOINT/,
    );
    const nobody = { ...store.settings, s3Endpoint: `http://127.0.0.1:${await closedPort()}` };
    await expect(openNode(nobody)).rejects.toThrow(/PARLEY_BLOB_STORE.*PARLEY_S3_ENDPOINT.*ECONNREFUSED/);
  });

  describe('its upload staging', () => {
    /** A tus upload of `size` bytes made through `node`'s datastore. */
    async function begin(node: Awaited<ReturnType<typeof openNode>>, size: number) {
      const id = newId();
      await node.staging.datastore.create(new Upload({ id, size, offset: 0, metadata: { kind: 'file' } }));
      return id;
    }
    const write = (node: Awaited<ReturnType<typeof openNode>>, id: string, bytes: Buffer, offset: number) =>
      node.staging.datastore.write(Readable.from([bytes]), id, offset);

    it('lets an upload begun through one node be resumed and finished through another', async () => {
      const [alpha, beta] = await Promise.all([openNode(store.settings), openNode(store.settings)]);
      // Over 8 MiB, so S3 gets two parts, and a first PATCH under 5 MiB that S3 must hold back.
      const bytes = randomBytes(9 * MiB);
      const id = await begin(alpha, bytes.length);
      expect(await write(alpha, id, bytes.subarray(0, 3 * MiB), 0)).toBe(3 * MiB);
      const seen = await beta.staging.datastore.getUpload(id);
      expect({ offset: seen.offset, size: seen.size }).toEqual({ offset: 3 * MiB, size: bytes.length });
      expect(await write(beta, id, bytes.subarray(3 * MiB), 3 * MiB)).toBe(bytes.length);
      expect((await alpha.staging.datastore.getUpload(id)).offset).toBe(bytes.length);

      const file = await beta.staging.fetch(id);
      expect(readFileSync(file).equals(bytes)).toBe(true);
      await beta.staging.remove(id);
      rmSync(file, { force: true });
      expect(await store.partials()).toEqual([]);
      await expect(alpha.staging.datastore.getUpload(id)).rejects.toBeDefined();
    });

    it('forgets a cancelled upload entirely, and a second removal is harmless', async () => {
      const node = await openNode(store.settings);
      const id = await begin(node, 2 * MiB);
      await write(node, id, randomBytes(MiB), 0);
      await node.staging.remove(id);
      expect(await store.partials()).toEqual([]);
      await node.staging.remove(id);
    });

    it.runIf(kind === 'folder')('adopts partial uploads left in PARLEY_DATA_DIR/uploads', async () => {
      const dataDir = tempDir();
      const id = newId();
      mkdirSync(path.join(dataDir, 'uploads'));
      writeFileSync(path.join(dataDir, 'uploads', id), 'half');
      writeFileSync(path.join(dataDir, 'uploads', `${id}.json`), JSON.stringify({ id, size: 8 }));
      const node = await mediaFolders(loadConfig({}, { dataDir, ...store.settings }, { readFile: false }));
      expect(existsSync(path.join(dataDir, 'uploads'))).toBe(false);
      expect((await node.staging.datastore.getUpload(id)).offset).toBe(4);
      await node.staging.remove(id);
    });
  });
});

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
