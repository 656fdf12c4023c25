import { describe, expect, it } from 'vitest';
import { befriend, logIn, people } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';

describe.each(dialects)('answers that race on %s', (dialect) => {
  const server = useServer(dialect);

  it('lets one of two devices accept an invitation; the other hears already_handled, never a 500', async () => {
    const [alice, carol] = await people(server(), 'alice', 'carol');
    await befriend(server(), alice, carol);
    const group = await makeGroup(server(), alice);
    const invited = await api(server(), 'POST', `/groups/${group.id}/invitations`, {
      token: alice.token,
      json: { userIds: [carol.user.id] },
    });
    const invitationId = invited.body.invitations[0].id;
    const phone = await logIn(server(), carol, 'Phone');
    const answers = await Promise.all(
      [carol, phone].map((device) =>
        api(server(), 'POST', `/group-invitations/${invitationId}/accept`, { token: device.token }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('already_handled');
    const members = await api(server(), 'GET', `/conversations/${group.id}/members`, { token: alice.token });
    expect(
      members.body.members.filter((m: { user: { id: string } }) => m.user.id === carol.user.id),
    ).toHaveLength(1);
  });

  it('lets one of two admins decide a join request, and the applicant is in only if approval won', async () => {
    const [alice, bob, dave] = await people(server(), 'alice', 'bob', 'dave');
    await befriend(server(), alice, bob);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id], joinPolicy: 'approval' });
    await api(server(), 'PATCH', `/groups/${group.id}/members/${bob.user.id}`, {
      token: alice.token,
      json: { role: 'admin' },
    });
    const asked = await api(server(), 'POST', `/groups/${group.id}/join`, { token: dave.token, json: {} });
    const requestId = asked.body.request.id;
    const [approve, reject] = await Promise.all([
      api(server(), 'POST', `/join-requests/${requestId}/approve`, { token: alice.token }),
      api(server(), 'POST', `/join-requests/${requestId}/reject`, { token: bob.token }),
    ]);
    expect([approve.status, reject.status].sort()).toEqual([200, 409]);
    const inGroup =
      (await api(server(), 'GET', `/conversations/${group.id}`, { token: dave.token })).status === 200;
    expect(inGroup).toBe(approve.status === 200);
  });
});
