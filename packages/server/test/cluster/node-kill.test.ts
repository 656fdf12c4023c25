import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Member,
  connectMember,
  countAcks,
  expectInStep,
  groupOf,
  keepSending,
  signUp,
} from '../proof/support/members.ts';
import { full, report, sleep, until } from '../proof/support/settings.ts';
import { expectStoredOnce } from '../proof/support/stored.ts';
import { befriend, register } from '../support/factories.ts';
import { openSocket } from '../support/socket.ts';
import { type Cluster, type ClusterNode, startCluster } from './support/cluster.ts';

/** Times node C is killed: a few in `npm test`, 20 by hand (PARLEY_PROOF_FULL=1 or PARLEY_CLUSTER_KILLS). */
const kills = Number(process.env.PARLEY_CLUSTER_KILLS ?? (full ? 20 : 2));
const senders = 6;

// Senders spread over three nodes keep messages in flight while node C dies with SIGKILL
// again and again. Every acknowledged message must be stored exactly once, seqs gap-free,
// and every member — also those whose socket was on C — must end with the whole history.
// And the first kill must take C's users offline for their friends within 30 s.
describe('a cluster node killed with SIGKILL under load', () => {
  let cluster: Cluster;
  let A: ClusterNode, B: ClusterNode, C: ClusterNode;
  const members: Member[] = [];
  beforeAll(async () => {
    cluster = await startCluster(3);
    [A, B, C] = cluster.nodes as [ClusterNode, ClusterNode, ClusterNode];
  }, 90_000);
  afterAll(async () => {
    for (const member of members) member.close();
    await cluster?.close();
  });

  it(
    'loses no acknowledged message, stores none twice, and every member ends in step',
    async () => {
      const nodes = [A, B, C];
      const up = new Set<ClusterNode>(nodes);
      const clients = [];
      for (let i = 0; i < senders; i += 1) clients.push(await signUp(A.url, `sender${i}`));
      const groupId = await groupOf(clients);
      // Member i prefers node i % 3, and goes to the next node that is up when it is not.
      clients.forEach((client, i) => {
        const pick = () => {
          for (let k = 0; k < 3; k += 1) {
            const node = nodes[(i + k) % 3]!;
            if (up.has(node)) return node.wsUrl;
          }
          return C.wsUrl;
        };
        members.push(connectMember(`sender${i}`, client, pick));
      });
      await Promise.all(members.map((m) => m.store.track(groupId)));
      const onC = members.filter((_, i) => i % 3 === 2);

      // Presence: zed is online only through node C, and alice, his friend, watches from A.
      const [alice, zed] = [await register(A, 'alice'), await register(A, 'zed')];
      await befriend(A, alice, zed);
      const aliceSocket = await openSocket(A, alice.token);
      const zedSocket = await openSocket(C, zed.token);
      await aliceSocket.waitForEvent('presence.changed', (d) => d.userId === zed.user.id && d.online);

      const load = keepSending(members, groupId);
      const { items } = load;
      const ackedCount = load.acked;

      const started = Date.now();
      let offlineAfterMs = -1;
      for (let kill = 0; kill < kills; kill += 1) {
        const before = ackedCount();
        await until(() => ackedCount() >= before + 30, 30_000, `acks flow before kill ${kill}`);
        await sleep(Math.random() * 150);
        up.delete(C);
        const killedAt = Date.now();
        await C.process.kill();
        if (kill === 0) {
          await aliceSocket.waitForEvent(
            'presence.changed',
            (d) => d.userId === zed.user.id && !d.online,
            30_000,
          );
          offlineAfterMs = Date.now() - killedAt;
          await zedSocket.closed;
          // Zed comes back through another node: online again for alice.
          const zedOnline = () =>
            aliceSocket.events('presence.changed', (d) => d.userId === zed.user.id && d.online);
          const onlineBefore = zedOnline().length;
          const zedAgain = await openSocket(B, zed.token);
          await aliceSocket.waitFor(() => zedOnline().length > onlineBefore, 'zed online again');
          await zedAgain.close();
        } else {
          await sleep(Math.random() * 300);
        }
        await C.process.start();
        up.add(C);
        // C's members come home, so the next kill has sockets to take down with it.
        for (const member of onC) member.cut();
      }
      const before = ackedCount();
      await until(() => ackedCount() >= before + 30, 30_000, 'acks flow after the last restart');
      await load.stop();
      const acks = await Promise.all(items.map((item) => item.acked));

      const history = await clients[0]!.http.messages.allAfter(groupId);
      for (const member of members) await expectInStep(member, history, 30_000);
      const counts = countAcks(history, acks);

      await expectStoredOnce(cluster.databaseUrl, groupId, items.length, acks);
      expect(counts).toEqual({ acked: items.length, lost: 0, duplicated: 0 });
      expect(offlineAfterMs).toBeLessThan(30_000);
      report('cluster node kill', {
        kills,
        senders,
        acked: counts.acked,
        retried: items.filter((item) => item.attempts > 1).length,
        lost: counts.lost,
        duplicated: counts.duplicated,
        offlineAfterMs,
        seconds: ((Date.now() - started) / 1000).toFixed(1),
      });
    },
    // A restart takes a few seconds, and the first kill waits up to 30 s for presence.
    90_000 + kills * 20_000,
  );
});
