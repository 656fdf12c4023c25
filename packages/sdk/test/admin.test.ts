import { randomUUID } from 'node:crypto';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParleyError } from '../src/index.ts';
import type { ParleyClient } from '../src/index.ts';
import { signUp } from './support/people.ts';

/** Makes `a` and `b` friends; resolves with their direct conversation's id. */
async function befriend(a: ParleyClient, b: ParleyClient): Promise<string> {
  const { request } = await a.http.friends.request(b.auth!.user.id);
  const { friend } = await b.http.friends.accept(request.id);
  return friend.conversationId;
}

// Every call of `http.admin` against a real server: the SDK's paths, methods and bodies are the
// server's (a wrong one would answer 404 or 400 here), and its answers have the protocol's shapes.
describe('the admin console through the SDK', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('runs every admin call, and a member gets forbidden', async () => {
    // The first account is the server's admin.
    const root = await signUp(server, 'root');
    const [amy, ben] = [await signUp(server, 'amy'), await signUp(server, 'ben')];
    const direct = await befriend(amy, ben);
    const admin = root.http.admin;

    const page = await admin.users({ q: 'am', filter: 'all', limit: 5 });
    expect(page.users.map((u) => u.username)).toEqual(['amy']);
    const amyId = page.users[0]!.id;
    expect((await admin.user(amyId)).sessions).toBe(1);
    expect((await admin.disableUser(amyId)).disabledAt).not.toBeNull();
    expect((await admin.enableUser(amyId)).disabledAt).toBeNull();
    expect((await admin.setRole(amyId, 'admin')).role).toBe('admin');
    expect((await admin.setRole(amyId, 'member')).role).toBe('member');
    const { temporaryPassword } = await admin.resetPassword(amyId);
    expect(temporaryPassword).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);

    const group = await root.http.groups.create({ name: 'Robots' });
    expect((await admin.groups({ q: 'rob' })).groups.map((g) => g.id)).toEqual([group.id]);
    await admin.dissolveGroup(group.id);
    expect((await admin.groups({ q: 'rob' })).groups).toEqual([]);

    const sent = await ben.http.messages.send(direct, { clientMsgId: randomUUID(), text: 'buy cheap pills' });
    const carl = await signUp(server, 'carl');
    const carlAndBen = await befriend(carl, ben);
    const spam = await ben.http.messages.send(carlAndBen, { clientMsgId: randomUUID(), text: 'pills again' });
    await carl.http.admin.report(spam.id, { reason: 'spam', note: 'twice now' });
    const { reports } = await admin.reports({ status: 'open' });
    expect(reports.map((r) => [r.reason, r.note, r.message.excerpt])).toEqual([
      ['spam', 'twice now', 'pills again'],
    ]);
    expect((await admin.resolveReport(reports[0]!.id, 'dismiss')).status).toBe('dismissed');
    await admin.removeMessage(sent.id);

    const before = await admin.settings();
    expect(await admin.updateSettings({ registration: 'invite' })).toEqual({
      ...before,
      registration: 'invite',
    });
    const counts = await admin.counts();
    expect(counts.users).toBe(4);
    expect(counts.groups).toBe(0);

    await root.http.createInvite({ expiresInHours: 1 });
    const { invites } = await admin.invites();
    expect(invites).toHaveLength(1);
    await admin.revokeInvite(invites[0]!.id);
    expect((await admin.invites()).invites).toEqual([]);

    const audit = await admin.audit({ limit: 50 });
    expect(audit.entries.map((e) => e.action)).toEqual([
      'invite.revoke',
      'invite.create',
      'settings.update',
      'message.remove',
      'report.dismiss',
      'group.dissolve',
      'user.reset_password',
      'user.set_role',
      'user.set_role',
      'user.enable',
      'user.disable',
    ]);
    expect((await admin.audit({ action: 'user.set_role' })).entries).toHaveLength(2);

    const refused = await ben.http.admin.counts().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ParleyError);
    expect(refused).toMatchObject({ code: 'forbidden', status: 403 });
  });
});
