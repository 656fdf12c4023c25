import { randomUUID } from 'node:crypto';
import { limits } from '@parley/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type Person, befriend, people, register } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSockets } from '../support/socket.ts';

const say = async (server: TestServer, person: Person, conversationId: string, text: string) => {
  const res = await api(server, 'POST', `/conversations/${conversationId}/messages`, {
    token: person.token,
    json: { clientMsgId: randomUUID(), text },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
};

interface ReportJson {
  id: string;
  status: string;
  reporter: { id: string };
  message: { id: string; [key: string]: unknown };
  [key: string]: unknown;
}

describe.each(dialects)('reporting messages to the admins on %s', (dialect) => {
  const server = useServer(dialect);
  /** The first account on a fresh server is its admin. */
  let admin: Person;
  beforeAll(async () => {
    admin = await register(server(), 'admin');
    expect(admin.user.role).toBe('admin');
  });

  const report = (who: Person, messageId: string, json: unknown = { reason: 'spam' }) =>
    api(server(), 'POST', `/messages/${messageId}/report`, { token: who.token, json });
  const resolve = (reportId: string, action: 'remove' | 'dismiss', who: Person = admin) =>
    api(server(), 'POST', `/admin/reports/${reportId}/resolve`, { token: who.token, json: { action } });
  /** Every report in the queue (open or handled) on one message, newest first. */
  const queueFor = async (messageId: string, status: 'open' | 'handled' = 'open'): Promise<ReportJson[]> => {
    const found: ReportJson[] = [];
    let cursor: string | null = null;
    do {
      const page = await api(
        server(),
        'GET',
        `/admin/reports?status=${status}&limit=50${cursor ? `&cursor=${cursor}` : ''}`,
        { token: admin.token },
      );
      expect(page.status, page.text).toBe(200);
      found.push(...page.body.reports.filter((r: ReportJson) => r.message.id === messageId));
      cursor = page.body.nextCursor;
    } while (cursor);
    return found;
  };
  const auditOf = (targetId: string) =>
    server()
      .parley.services.store.db.selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', targetId)
      .execute();

  /** bob spams a group alice owns; carol and erin are members; dave is outside. */
  async function cast() {
    const [alice, bob, carol, dave, erin] = await people(server(), 'alice', 'bob', 'carol', 'dave', 'erin');
    await befriend(server(), alice, bob, carol, erin);
    const name = `Neighbours ${randomUUID().slice(0, 6)}`;
    const group = await makeGroup(server(), alice, {
      name,
      memberIds: [bob.user.id, carol.user.id, erin.user.id],
    });
    const spam = await say(server(), bob, group.id, 'cheap watches at example.com');
    return { alice, bob, carol, dave, erin, group: group.id as string, name, spam };
  }

  it('takes a report from a member who sees the message, once; refuses the sender, outsiders and notices', async () => {
    const { alice, bob, dave, group, spam } = await cast();
    expect((await report(alice, spam, { reason: 'spam', note: 'third time today' })).status).toBe(204);
    expectError(await report(alice, spam), 409, 'already_requested');
    expectError(await report(bob, spam), 403, 'forbidden');
    // dave cannot see the message, so to him it does not exist.
    expectError(await report(dave, spam), 404, 'not_found');
    expectError(await report(dave, randomUUID()), 404, 'not_found');
    const history = await api(server(), 'GET', `/conversations/${group}/messages`, { token: alice.token });
    const notice = history.body.messages.find((m: { kind: string }) => m.kind === 'system');
    expectError(await report(alice, notice.id), 403, 'forbidden');
    expectError(await report(alice, spam, { reason: 'boring' }), 400, 'invalid_request', 'reason');
    expectError(
      await report(alice, spam, { reason: 'other', note: 'x'.repeat(limits.reportNoteMax + 1) }),
      400,
      'invalid_request',
      'note',
    );
    const queued = await queueFor(spam);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      reason: 'spam',
      note: 'third time today',
      reporter: { id: alice.user.id },
    });
  });

  it('shows the admins each report with the message as it is now, newest first, with the count of reports on it', async () => {
    const { alice, bob, carol, group, name, spam } = await cast();
    expect((await report(alice, spam)).status).toBe(204);
    expect((await report(carol, spam, { reason: 'abuse', note: '' })).status).toBe(204);
    // Members may not read the queue.
    expectError(await api(server(), 'GET', '/admin/reports', { token: alice.token }), 403, 'forbidden');

    const queued = await queueFor(spam);
    expect(queued.map((r) => r.reporter.id)).toEqual([carol.user.id, alice.user.id]);
    expect(queued[0]).toMatchObject({
      status: 'open',
      reason: 'abuse',
      reportsOnMessage: 2,
      handledBy: null,
      handledAt: null,
      message: {
        id: spam,
        conversationId: group,
        conversationName: name,
        conversationKind: 'group',
        sender: { id: bob.user.id, username: bob.username },
        kind: 'text',
        excerpt: 'cheap watches at example.com',
        recalled: false,
      },
    });

    // A long message is cut for the queue.
    const long = await say(server(), bob, group, `${'spam '.repeat(200)}end`);
    expect((await report(alice, long)).status).toBe(204);
    const [longReport] = await queueFor(long);
    expect(longReport!.message.excerpt).toHaveLength(limits.reportExcerptMax);
    expect(longReport!.reportsOnMessage).toBe(1);

    // A page at a time, each page older than the last.
    const first = await api(server(), 'GET', '/admin/reports?limit=1', { token: admin.token });
    expect(first.body.reports).toHaveLength(1);
    const second = await api(server(), 'GET', `/admin/reports?limit=1&cursor=${first.body.nextCursor}`, {
      token: admin.token,
    });
    expect(second.body.reports).toHaveLength(1);
    expect(second.body.reports[0].id < first.body.reports[0].id).toBe(true);
  });

  it('dismisses one report: the message stays, the report is handled and audited, and cannot be handled twice', async () => {
    const { alice, carol, group, spam } = await cast();
    expect((await report(alice, spam)).status).toBe(204);
    expect((await report(carol, spam)).status).toBe(204);
    const [carols, alices] = await queueFor(spam);
    expectError(await resolve(alices!.id, 'dismiss', alice), 403, 'forbidden');

    const dismissed = await resolve(alices!.id, 'dismiss');
    expect(dismissed.status, dismissed.text).toBe(200);
    expect(dismissed.body).toMatchObject({
      id: alices!.id,
      status: 'dismissed',
      handledBy: { id: admin.user.id },
      reportsOnMessage: 1,
      message: { id: spam, recalled: false },
    });
    expect(dismissed.body.handledAt).toEqual(expect.any(String));
    expectError(await resolve(alices!.id, 'dismiss'), 409, 'already_handled');
    expectError(await resolve(alices!.id, 'remove'), 409, 'already_handled');
    expectError(await resolve(randomUUID(), 'dismiss'), 404, 'not_found');

    expect((await queueFor(spam)).map((r) => r.id)).toEqual([carols!.id]);
    expect((await queueFor(spam, 'handled')).map((r) => r.id)).toEqual([alices!.id]);
    const history = await api(server(), 'GET', `/conversations/${group}/messages`, { token: carol.token });
    expect(history.body.messages.find((m: { id: string }) => m.id === spam)).toMatchObject({
      recalledAt: null,
    });
    const audit = await auditOf(alices!.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: admin.user.id,
      action: 'report.dismiss',
      target_type: 'report',
      target_label: 'cheap watches at example.com',
    });
  });

  it('removes the message through a report: members see the tombstone and every open report on it closes', async () => {
    const { alice, bob, carol, erin, group, spam } = await cast();
    for (const who of [alice, carol, erin]) expect((await report(who, spam)).status).toBe(204);
    const [erins, carols, alices] = await queueFor(spam);
    expect((await resolve(alices!.id, 'dismiss')).status).toBe(200);
    const [aliceSocket, bobSocket] = await openSockets(server(), alice, bob);

    const removed = await resolve(carols!.id, 'remove');
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body).toMatchObject({
      id: carols!.id,
      status: 'removed',
      handledBy: { id: admin.user.id },
      reportsOnMessage: 0,
      message: { id: spam, recalled: true, excerpt: '' },
    });
    for (const socket of [aliceSocket, bobSocket]) {
      const updated = await socket.waitForEvent('message.updated', (m) => m.id === spam);
      expect(updated.data).toMatchObject({
        text: '',
        recalledBy: admin.user.id,
        recalledByServerAdmin: true,
      });
    }
    expect(await queueFor(spam)).toEqual([]);
    const handled = await queueFor(spam, 'handled');
    expect(Object.fromEntries(handled.map((r) => [r.id, r.status]))).toEqual({
      [erins!.id]: 'removed',
      [carols!.id]: 'removed',
      [alices!.id]: 'dismissed',
    });
    expectError(await resolve(erins!.id, 'remove'), 409, 'already_handled');
    // What is gone cannot be reported: a tombstone says nothing any more.
    const regret = await say(server(), bob, group, 'I take that back');
    expect((await api(server(), 'POST', `/messages/${regret}/recall`, { token: bob.token })).status).toBe(
      200,
    );
    expectError(await report(carol, regret), 409, 'recalled');

    const audit = await auditOf(spam);
    expect(audit.map((a) => a.action)).toEqual(['message.remove']);
    expect(JSON.parse(audit[0]!.detail)).toEqual({ conversationId: group, senderId: bob.user.id });
    await closeAll(aliceSocket, bobSocket);
  });

  it('removing a message from the console closes its open reports too', async () => {
    const { alice, carol, spam } = await cast();
    expect((await report(alice, spam)).status).toBe(204);
    expect((await report(carol, spam)).status).toBe(204);
    expect(
      (await api(server(), 'POST', `/admin/messages/${spam}/remove`, { token: admin.token })).status,
    ).toBe(204);
    expect(await queueFor(spam)).toEqual([]);
    const handled = await queueFor(spam, 'handled');
    expect(handled.map((r) => r.status)).toEqual(['removed', 'removed']);
    expect(handled.every((r) => (r.handledBy as { id: string }).id === admin.user.id)).toBe(true);
  });

  it('lets one user keep at most openReportsMax reports waiting', async () => {
    const [gina, hank] = await people(server(), 'gina', 'hank');
    const [{ conversationId }] = await befriend(server(), gina, hank);
    const ids: string[] = [];
    for (let i = 0; i <= limits.openReportsMax; i++)
      ids.push(await say(server(), hank, conversationId, `spam ${i}`));
    for (const id of ids.slice(0, limits.openReportsMax)) expect((await report(gina, id)).status).toBe(204);
    expectError(await report(gina, ids.at(-1)!), 409, 'limit_reached');
    // Once an admin handles one, there is room again.
    const [handled] = await queueFor(ids[0]!);
    expect((await resolve(handled!.id, 'dismiss')).status).toBe(200);
    expect((await report(gina, ids.at(-1)!)).status).toBe(204);
  });

  it('works in a direct chat: the report names no conversation', async () => {
    const [ivan, judy] = await people(server(), 'ivan', 'judy');
    const [{ conversationId }] = await befriend(server(), ivan, judy);
    const rude = await say(server(), judy, conversationId, 'you are a fool');
    expect((await report(ivan, rude, { reason: 'abuse', note: 'rude' })).status).toBe(204);
    const [queued] = await queueFor(rude);
    expect(queued!.message).toMatchObject({
      conversationKind: 'direct',
      conversationName: '',
      excerpt: 'you are a fool',
    });
  });
});
