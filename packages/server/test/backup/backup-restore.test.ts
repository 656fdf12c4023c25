import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Message } from '@parley/protocol';
import { ParleyClient } from '@parley/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connectMember, groupOf, keepSending, signUp } from '../proof/support/members.ts';
import { ServerProcess, freePort } from '../proof/support/server-process.ts';
import { report, until } from '../proof/support/settings.ts';
import { createTestDatabase } from '../../src/testing.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const tsxLoader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const password = 'correct horse battery';

/** Runs `npm run <name> -- <file>` the way an operator would, minus npm: the same script, env and argument. */
function runScript(
  name: 'backup' | 'restore',
  file: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PARLEY_')));
  const script = path.join(root, `packages/server/src/backup/${name}.ts`);
  const child = spawn(process.execPath, ['--import', tsxLoader, script, file], {
    cwd: root,
    env: { ...clean, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

const serverEnv = (dir: string, databaseUrl: string) => ({
  PARLEY_DATA_DIR: dir,
  PARLEY_DATABASE_URL: databaseUrl,
  PARLEY_PASSWORD_HASH_COST: '12',
  PARLEY_LOG_LEVEL: 'warn',
  PARLEY_REQUESTS_PER_MINUTE: '100000',
  PARLEY_REGISTRATIONS_PER_HOUR: '100000',
});

async function download(baseUrl: string, token: string, url: string): Promise<Buffer> {
  const response = await fetch(new URL(url, baseUrl), { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

describe.each(['sqlite', 'postgres'] as const)('npm run backup and npm run restore, on %s', (dialect) => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('a backup taken under send load restores every acknowledged message and every file, byte for byte', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'parley-backup-'));
    cleanups.push(() => rmSync(work, { recursive: true, force: true }));
    const liveDir = path.join(work, 'live');
    const restoredDir = path.join(work, 'restored');
    const archive = path.join(work, 'parley-backup.tar.gz');
    // On PostgreSQL the restore goes into a second, empty database.
    const databaseUrlIn = async (dir: string) => {
      if (dialect === 'sqlite') return `sqlite:${path.join(dir, 'parley.db')}`;
      const database = await createTestDatabase();
      cleanups.push(() => database.drop());
      return database.url;
    };
    const liveEnv = { PARLEY_DATA_DIR: liveDir, PARLEY_DATABASE_URL: await databaseUrlIn(liveDir) };
    const restoredEnv = {
      PARLEY_DATA_DIR: restoredDir,
      PARLEY_DATABASE_URL: await databaseUrlIn(restoredDir),
    };

    const live = new ServerProcess(await freePort(), serverEnv(liveDir, liveEnv.PARLEY_DATABASE_URL), work);
    cleanups.push(() => live.kill());
    await live.start();
    const alice = await signUp(live.url, 'alice');
    const bob = await signUp(live.url, 'bob');
    const groupId = await groupOf([alice, bob]);

    // Two files sent before the backup, one uploaded while it runs.
    const files = [
      { name: 'notes.bin', bytes: randomBytes(300_000) },
      { name: 'photos.bin', bytes: randomBytes(1_200_000) },
    ];
    const sentFiles: { bytes: Buffer; url: string }[] = [];
    for (const file of files) {
      const upload = await alice.http.uploads.start(file.bytes, { kind: 'file', name: file.name }).done;
      await alice.http.messages.send(groupId, {
        clientMsgId: randomUUID(),
        text: file.name,
        attachmentId: upload.id,
      });
      sentFiles.push({ bytes: file.bytes, url: upload.url });
    }

    const members = [connectMember('alice', alice), connectMember('bob', bob)];
    cleanups.push(() => members.forEach((m) => m.close()));
    await Promise.all(members.map((m) => m.store.track(groupId)));
    const load = keepSending(members, groupId);
    await until(() => load.acked() >= 100, 30_000, 'acks flow before the backup');

    // Everything acknowledged by now must be in the backup.
    const ackedBefore = load.items.filter((item) => item.status === 'sent').map((item) => item.ack!);
    const lateFile = randomBytes(500_000);
    const lateUpload = alice.http.uploads.start(lateFile, { kind: 'file', name: 'late.bin' }).done;
    const backup = await runScript('backup', archive, liveEnv);
    const ackedDuring = load.acked() - ackedBefore.length;
    await load.stop();
    await Promise.all(load.items.map((item) => item.acked));
    await lateUpload;
    expect(backup.stderr).toContain('backup: wrote');
    expect(backup.code).toBe(0);
    for (const member of members) member.close();
    await live.stop();

    // A backup never overwrites.
    const again = await runScript('backup', archive, liveEnv);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists already');

    const restored = await runScript('restore', archive, restoredEnv);
    expect(restored.stderr).toContain('restore: done');
    expect(restored.code).toBe(0);
    // The same key pair: Web Push subscriptions keep working after a restore (on PostgreSQL
    // the pair is a row of the database).
    if (dialect === 'sqlite')
      expect(readFileSync(path.join(restoredDir, 'vapid-keys.json'), 'utf8')).toBe(
        readFileSync(path.join(liveDir, 'vapid-keys.json'), 'utf8'),
      );

    // A second restore into the now full folder is refused, and changes nothing.
    const refused = await runScript('restore', archive, restoredEnv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not empty');
    if (dialect === 'sqlite') expect(existsSync(path.join(restoredDir, 'parley.db'))).toBe(true);

    const server = new ServerProcess(
      await freePort(),
      serverEnv(restoredDir, restoredEnv.PARLEY_DATABASE_URL),
      work,
    );
    cleanups.push(() => server.kill());
    await server.start();
    const aliceAgain = await ParleyClient.login(
      { baseUrl: server.url, WebSocket },
      { username: 'alice', password },
    );
    await ParleyClient.login({ baseUrl: server.url, WebSocket }, { username: 'bob', password });

    const history: Message[] = await aliceAgain.http.messages.allAfter(groupId);
    // Nothing half-written: seqs run 1..n with no gap, each once.
    expect(history.map((m) => m.seq)).toEqual(history.map((_, i) => i + 1));
    const byClientId = new Map(history.map((m) => [m.clientMsgId, m]));
    const lost = ackedBefore.filter((ack) => {
      const stored = byClientId.get(ack.clientMsgId);
      return stored?.id !== ack.id || stored.seq !== ack.seq;
    });
    expect(lost).toEqual([]);

    for (const file of sentFiles) {
      expect((await download(server.url, aliceAgain.token!, file.url)).equals(file.bytes)).toBe(true);
    }

    report(`backup and restore (${dialect})`, {
      messagesRestored: history.length,
      ackedBeforeBackup: ackedBefore.length,
      ackedDuringBackup: ackedDuring,
      archive: backup.stderr.trim().split('\n').at(-1)!,
    });
    // Two servers and three scripts each start a Node process with TypeScript: about 11 s alone,
    // but over a minute while the rest of the suite's servers start beside it (measured).
  }, 180_000);
});
