import {
  Conversation,
  GroupInvitationList,
  GroupPage,
  GroupSummary,
  InviteToGroupResult,
  JoinGroupResult,
  JoinRequest,
  JoinRequestList,
  Member,
  groupEvents,
} from '@parley/protocol';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ParleyClient, ParleyError } from '../src/index.ts';
import { signUp } from './support/people.ts';
import { nextEvent } from './support/wait.ts';

/** The ParleyError `promise` rejects with. */
async function refusalOf(promise: Promise<unknown>): Promise<ParleyError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ParleyError);
  return err as ParleyError;
}

describe.each(['sqlite', 'postgres'] as const)('groups through the SDK on %s', (dialect) => {
  let server: TestServer;
  // Alice is friends with Bob and Carol; each case makes groups of its own.
  let alice: ParleyClient, bob: ParleyClient, carol: ParleyClient;
  const id = (client: ParleyClient) => client.auth!.user.id;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    [alice, bob, carol] = await Promise.all([
      signUp(server, 'alice'),
      signUp(server, 'bob'),
      signUp(server, 'carol'),
    ]);
    for (const friend of [bob, carol]) {
      const { request } = await alice.http.friends.request(id(friend));
      await friend.http.friends.accept(request.id);
    }
  });
  afterAll(() => server?.close());

  it('makes a group with a friend in it; an applicant hears the owner approve them', async () => {
    const group = Conversation.parse(
      await alice.http.groups.create({ name: 'Book club', joinPolicy: 'approval', memberIds: [id(bob)] }),
    );
    expect(group).toMatchObject({ kind: 'group', memberCount: 2, myRole: 'owner', ownerId: id(alice) });
    expect((await bob.http.conversations.get(group.id)).myRole).toBe('member');

    const asked = JoinGroupResult.parse(await carol.http.groups.join(group.id, 'I read a lot'));
    if (asked.status !== 'pending') throw new Error(`expected pending, got ${asked.status}`);
    const { requests } = JoinRequestList.parse(await alice.http.groups.joinRequests(group.id));
    expect(requests.map((r) => [r.id, r.applicant.id, r.note])).toEqual([
      [asked.request.id, id(carol), 'I read a lot'],
    ]);

    const carolLive = carol.connect();
    await carolLive.opened();
    const heard = nextEvent(carolLive, 'group.join.decided', (d) => d.request.id === asked.request.id);
    const approved = JoinRequest.parse(await alice.http.groups.approveJoinRequest(asked.request.id));
    expect(approved).toMatchObject({ status: 'accepted', decidedBy: id(alice) });
    const { request } = groupEvents['group.join.decided'].parse(await heard);
    expect(request.status).toBe('accepted');
    carolLive.close();

    expect(Conversation.parse(await carol.http.conversations.get(group.id)).memberCount).toBe(3);
  });

  it('sends an invitation the invitee accepts through the SDK', async () => {
    const group = await alice.http.groups.create({ name: 'Film night', inviteMode: 'accept' });
    const sent = InviteToGroupResult.parse(await alice.http.groups.invite(group.id, [id(carol)]));
    expect(sent.added).toEqual([]);
    const { invitations } = GroupInvitationList.parse(await carol.http.groups.invitations());
    expect(invitations.map((i) => [i.id, i.group.id, i.inviter.id])).toEqual([
      [sent.invitations[0]!.id, group.id, id(alice)],
    ]);

    const joined = Conversation.parse(await carol.http.groups.acceptInvitation(invitations[0]!.id));
    expect(joined).toMatchObject({ id: group.id, myRole: 'member', memberCount: 2 });
    expect((await carol.http.groups.invitations()).invitations).toEqual([]);
  });

  it('finds an approval group by name, never an invite-only one', async () => {
    const listed = await alice.http.groups.create({ name: 'Chess club', joinPolicy: 'approval' });
    const hidden = await alice.http.groups.create({ name: 'Chess secrets', joinPolicy: 'invite' });
    const page = GroupPage.parse(await carol.http.groups.search({ q: 'chess', limit: 10 }));
    expect(page.groups.map((g) => g.id)).toEqual([listed.id]);
    expect(page.nextCursor).toBeNull();
    expect(GroupSummary.parse(await carol.http.groups.preview(listed.id))).toMatchObject({
      name: 'Chess club',
      joinPolicy: 'approval',
      memberCount: 1,
    });
    expect((await refusalOf(carol.http.groups.preview(hidden.id))).code).toBe('not_found');
    expect((await refusalOf(carol.http.groups.join(hidden.id))).code).toBe('not_found');
  });

  it('refuses a plain member kicking; the owner manages, hands over, and the group dissolves', async () => {
    const group = await alice.http.groups.create({ name: 'Hikers', memberIds: [id(bob), id(carol)] });
    const refused = await refusalOf(bob.http.groups.kick(group.id, id(carol)));
    expect([refused.code, refused.status]).toEqual(['forbidden', 403]);

    const renamed = Conversation.parse(await alice.http.groups.update(group.id, { name: 'Hill walkers' }));
    expect(renamed.name).toBe('Hill walkers');
    const promoted = Member.parse(await alice.http.groups.updateMember(group.id, id(bob), { role: 'admin' }));
    expect(promoted).toMatchObject({ role: 'admin', mutedUntil: null });
    const handed = Conversation.parse(await alice.http.groups.transfer(group.id, id(bob)));
    expect(handed).toMatchObject({ ownerId: id(bob), myRole: 'admin' });
    await alice.http.groups.leave(group.id);
    expect((await refusalOf(alice.http.conversations.get(group.id))).code).toBe('not_found');

    await bob.http.groups.dissolve(group.id);
    for (const member of [bob, carol])
      expect((await refusalOf(member.http.conversations.get(group.id))).code).toBe('not_found');
  });
});
