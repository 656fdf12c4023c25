import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../src/testing.ts';
import {
  type Member,
  connectMember,
  countAcks,
  expectInStep,
  groupOf,
  keepSending,
  signUp,
} from './support/members.ts';
import { ServerProcess, freePort } from './support/server-process.ts';
import { proof, proofTimeoutMs, report, sleep, until } from './support/settings.ts';
import { expectStoredOnce } from './support/stored.ts';

// Delivery proof c: the server process dies with SIGKILL again and again while members send
// through the SDK's outbox. An ack goes out only after commit (DESIGN.md point 3), so every
// acked message must be in the database after the crash, once; a send whose ack the crash
// swallowed is retried with the same clientMsgId and must not be stored twice.
const crashDialects = proof.crashPostgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(crashDialects)('a server killed with SIGKILL over and over, on %s', (dialect) => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it(
    'keeps every acknowledged message exactly once, and retried sends are not stored twice',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'parley-crash-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const database = dialect === 'postgres' ? await createTestDatabase() : null;
      if (database) cleanups.push(() => database.drop());
      const databaseUrl = database?.url ?? `sqlite:${path.join(dir, 'parley.db')}`;
      const server = new ServerProcess(
        await freePort(),
        {
          PARLEY_DATA_DIR: dir,
          PARLEY_DATABASE_URL: databaseUrl,
          PARLEY_PASSWORD_HASH_COST: '12',
          PARLEY_LOG_LEVEL: 'warn',
          PARLEY_REQUESTS_PER_MINUTE: '100000',
          PARLEY_REGISTRATIONS_PER_HOUR: '100000',
        },
        dir,
      );
      cleanups.push(() => server.kill());
      await server.start();

      const names = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];
      const clients = [];
      for (let i = 0; i < proof.crashSenders; i += 1)
        clients.push(await signUp(server.url, names[i] ?? `m${i}`));
      const groupId = await groupOf(clients);
      const members: Member[] = clients.map((client, i) => connectMember(names[i] ?? `m${i}`, client));
      cleanups.push(() => members.forEach((m) => m.close()));
      await Promise.all(members.map((m) => m.store.track(groupId)));

      // Each member keeps a few messages in its outbox at all times, whatever the server does.
      const load = keepSending(members, groupId);
      const { items } = load;
      const ackedCount = load.acked;

      const started = Date.now();
      let downMs = 0;
      for (let kill = 0; kill < proof.kills; kill += 1) {
        // Let traffic flow after each start, then kill at a random moment within it.
        const before = ackedCount();
        await until(() => ackedCount() >= before + 20, 30_000, `acks flow after start ${kill}`);
        await sleep(Math.random() * 150);
        const down = Date.now();
        await server.kill();
        await sleep(Math.random() * 200);
        await server.start();
        downMs += Date.now() - down;
      }
      const before = ackedCount();
      await until(() => ackedCount() >= before + 20, 30_000, 'acks flow after the last start');
      await load.stop();
      const acks = await Promise.all(items.map((item) => item.acked));

      // Every member's store against the history the server now serves.
      const history = await clients[0]!.http.messages.allAfter(groupId);
      for (const member of members) await expectInStep(member, history, 30_000);
      const counts = countAcks(history, acks);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      for (const member of members) member.close();
      await server.stop();

      // And against the database itself, with the server down.
      await expectStoredOnce(databaseUrl, groupId, items.length, acks);
      expect(counts).toEqual({ acked: items.length, lost: 0, duplicated: 0 });
      report(`crash durability (${dialect})`, {
        kills: proof.kills,
        senders: members.length,
        acked: counts.acked,
        retried: items.filter((item) => item.attempts > 1).length,
        lost: counts.lost,
        duplicated: counts.duplicated,
        serverDownMs: downMs,
        seconds,
      });
    },
    proofTimeoutMs,
  );
});
