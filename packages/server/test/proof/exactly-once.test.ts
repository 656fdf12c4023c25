import type { MessageAck } from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../../src/testing.ts';
import { dialects } from '../support/server.ts';
import { type Member, connectMember, countAcks, expectInStep, groupOf, signUp } from './support/members.ts';
import { proof, proofTimeoutMs, report, sleep, until } from './support/settings.ts';

// Delivery proofs a and b (DESIGN.md, "The delivery contract"): what every member's SDK store
// ends up holding is exactly what the server stored, in order, whatever the network did.
describe.each(dialects)('delivery on %s', (dialect) => {
  let server: TestServer;
  const members: Member[] = [];
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    for (const member of members.splice(0)) member.close();
    await server?.close();
  });

  it(
    'members sending at once while their sockets are cut see every acked message exactly once, in order',
    async () => {
      const names = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
      const clients = await Promise.all(
        Array.from({ length: proof.members }, (_, i) => signUp(server.url, names[i] ?? `member${i}`)),
      );
      const groupId = await groupOf(clients);
      const group = clients.map((client, i) => connectMember(names[i] ?? `member${i}`, client));
      members.push(...group);
      await Promise.all(group.map((m) => m.store.track(groupId)));
      const started = Date.now();

      // Chaos: a random member loses its socket every so often; the SDK reconnects and syncs.
      let cuts = 0;
      let sending = true;
      const chaos = (async () => {
        while (sending) {
          await sleep(proof.cutEveryMs * (0.5 + Math.random()));
          group[Math.floor(Math.random() * group.length)]!.cut();
          cuts += 1;
        }
      })();

      const items = group.flatMap((member) =>
        Array.from({ length: proof.messagesEach }, (_, i) =>
          member.store.send(groupId, `${member.name} ${i}`),
        ),
      );
      const acks: MessageAck[] = await Promise.all(items.map((item) => item.acked));
      sending = false;
      await chaos;

      const history = await clients[0]!.http.messages.allAfter(groupId);
      for (const member of group) await expectInStep(member, history, 30_000);
      const counts = countAcks(history, acks);
      expect(counts).toEqual({ acked: items.length, lost: 0, duplicated: 0 });
      // Nothing stored that was not acked: one text message per send.
      expect(history.filter((m) => m.kind === 'text')).toHaveLength(items.length);
      // Each member's own messages were stored in the order written (one send in flight each).
      for (const member of group) {
        const own = history.filter((m) => m.text.startsWith(`${member.name} `)).map((m) => m.text);
        expect(own).toEqual(Array.from({ length: proof.messagesEach }, (_, i) => `${member.name} ${i}`));
      }
      report(`exactly once, in order (${dialect})`, {
        members: group.length,
        messages: items.length,
        cuts,
        retried: items.filter((item) => item.attempts > 1).length,
        lost: counts.lost,
        seconds: ((Date.now() - started) / 1000).toFixed(1),
      });
    },
    proofTimeoutMs,
  );

  it(
    'a member offline while messages are sent gets them all on reconnect, in order',
    async () => {
      const [ivan, judy] = await Promise.all([signUp(server.url, 'ivan'), signUp(server.url, 'judy')]);
      const groupId = await groupOf([ivan!, judy!]);
      const away = connectMember('judy', judy!);
      members.push(away);
      await away.store.track(groupId);
      const before = away.store.cursor(groupId);
      away.offline = true;
      away.cut();
      await until(() => away.connection.state !== 'open', 5000, 'judy goes offline');

      const started = Date.now();
      const senders = 5;
      for (let i = 0; i < proof.offlineMessages; i += senders) {
        await Promise.all(
          Array.from({ length: Math.min(senders, proof.offlineMessages - i) }, (_, k) =>
            ivan!.http.messages.send(groupId, { clientMsgId: crypto.randomUUID(), text: `offline ${i + k}` }),
          ),
        );
      }
      expect(away.store.cursor(groupId)).toBe(before);
      away.offline = false;
      const history = await ivan!.http.messages.allAfter(groupId);
      await expectInStep(away, history, 30_000);
      const received = away.store.messages(groupId).filter((m) => m.text.startsWith('offline '));
      expect(received).toHaveLength(proof.offlineMessages);
      report(`offline delivery (${dialect})`, {
        messages: received.length,
        seconds: ((Date.now() - started) / 1000).toFixed(1),
      });
    },
    proofTimeoutMs,
  );
});
