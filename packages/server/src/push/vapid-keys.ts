import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import webpush from 'web-push';
import type { Config } from '../config/settings.ts';
import { now } from '../ids.ts';
import type { Store } from '../store/connect.ts';

/**
 * The server's VAPID key pair (RFC 8292): browsers subscribe with the public key, and a push
 * service delivers only pushes signed with its private half. Made once, at the first start,
 * and never changed: a new key would silently orphan every device's subscription.
 *
 * Where it lives follows the database (docs/architecture.md, "Push notifications"):
 * - SQLite (one node): `<dataDir>/vapid-keys.json`, mode 0600, beside the database it belongs
 *   to, so a backup of the data folder keeps subscriptions working after a restore.
 * - PostgreSQL (one node or several): a row of `push_vapid_keys`. Nodes of a cluster share the
 *   database but not a data folder, and every node must sign with the same key; the first
 *   node to start inserts the row and the others, racing or later, read the winner's.
 */
export interface VapidKeys {
  /** base64url, the uncompressed P-256 point (65 bytes). */
  publicKey: string;
  /** base64url, 32 bytes. */
  privateKey: string;
}

export const vapidKeysFile = 'vapid-keys.json';

export async function loadVapidKeys(config: Config, store: Store): Promise<VapidKeys> {
  return store.dialect === 'postgres' ? keysInDatabase(store) : keysInDataFolder(config.dataDir);
}

async function keysInDataFolder(dataDir: string): Promise<VapidKeys> {
  const file = path.join(dataDir, vapidKeysFile);
  const existing = await readKeys(file);
  if (existing) return existing;
  await mkdir(dataDir, { recursive: true });
  const keys = webpush.generateVAPIDKeys();
  try {
    // wx: never overwrite a key pair another process wrote a moment ago.
    await writeFile(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return keys;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const theirs = await readKeys(file);
    if (!theirs) throw new Error(`${file} holds no VAPID key pair`, { cause: err });
    return theirs;
  }
}

/** The keys in `file`; undefined when there is no file. A file that is there but wrong stops the start. */
async function readKeys(file: string): Promise<VapidKeys | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const data = JSON.parse(text) as Partial<VapidKeys>;
  if (typeof data.publicKey !== 'string' || typeof data.privateKey !== 'string') {
    throw new Error(`${file} must hold {"publicKey", "privateKey"} (delete it to make a new pair)`);
  }
  return { publicKey: data.publicKey, privateKey: data.privateKey };
}

async function keysInDatabase(store: Store): Promise<VapidKeys> {
  const keys = webpush.generateVAPIDKeys();
  await store.db
    .insertInto('push_vapid_keys')
    .values({ id: 1, public_key: keys.publicKey, private_key: keys.privateKey, created_at: now() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await store.db
    .selectFrom('push_vapid_keys')
    .select(['public_key', 'private_key'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { publicKey: row.public_key, privateKey: row.private_key };
}
