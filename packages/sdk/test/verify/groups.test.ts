import { readFileSync } from 'node:fs';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Person,
  befriend,
  heard,
  hold,
  join,
  leaveAll,
  makeGroup,
  settle,
  until,
  verify,
} from './support.ts';

const png = readFileSync(new URL('../../../server/test/fixtures/media/picture.png', import.meta.url));

/**
 * verify_action for making groups and getting into them: alice is friends with bob, carol
 * and dave; each test makes a group of its own, whose members every member's session holds.
 */
describe.each(['sqlite', 'postgres'] as const)(
  'group events agree with a fresh load on %s',
  { timeout: 20_000 },
  (dialect) => {
    let server: TestServer;
    let alice: Person;
    let bob: Person;
    let carol: Person;
    let dave: Person;
    let everyone: Person[];

    beforeAll(async () => {
      server = await startTestServer(dialect);
      [alice, bob, carol, dave] = (await Promise.all(
        ['alice', 'bob', 'carol', 'dave'].map((name) => join(server, name)),
      )) as [Person, Person, Person, Person];
      everyone = [alice, bob, carol, dave];
      for (const friend of [bob, carol, dave]) await befriend(alice, friend);
    }, 60_000);
    afterAll(async () => {
      leaveAll(everyone);
      await server?.close();
    });

    /** The invitation `person` holds to `groupId`. */
    const invitationTo = (person: Person, groupId: string) => {
      const found = person.session.getSnapshot().invitations.find((i) => i.group.id === groupId);
      if (!found) throw new Error(`${person.name} holds no invitation to ${groupId}`);
      return found;
    };

    it("making a group puts it in every chosen member's list", async () => {
      const group = await verify(everyone, () =>
        alice.session.groups.create({ name: 'Class 3', memberIds: [bob.id, carol.id] }),
      );
      expect(heard(bob)).toEqual(expect.arrayContaining(['message.created', 'conversation.updated']));
      expect(heard(dave)).toEqual([]);
      await hold(group.id, [alice, bob, carol]);
    });

    it('renaming a group and changing its settings reach every member', async () => {
      const group = await makeGroup(alice, [bob, carol]);
      await verify(everyone, () => alice.session.groups.update(group, { name: 'Class 3B' }));
      expect(heard(carol)).toEqual(expect.arrayContaining(['message.created', 'conversation.updated']));
      await verify(everyone, () =>
        alice.session.groups.update(group, {
          description: 'Maths',
          joinPolicy: 'open',
          inviteMode: 'direct',
        }),
      );
      // Presence: members stop seeing each other's.
      await verify(everyone, () => alice.session.groups.update(group, { showPresence: false }));
    });

    it("a group's avatar, set and removed, reaches every member", async () => {
      const group = await makeGroup(alice, [bob]);
      const upload = await alice.client.http.uploads.start(png, { kind: 'image', name: 'g.png' }).done;
      await verify(everyone, () => alice.session.groups.setAvatar(group, upload.id));
      expect(heard(bob)).toContain('conversation.updated');
      await verify(everyone, () => alice.session.groups.removeAvatar(group));
    });

    it('an invitation in accept mode reaches only the invitee, who accepts and is in', async () => {
      const group = await makeGroup(alice, [bob]);
      await verify(everyone, () => alice.session.groups.invite(group, [dave.id]));
      expect(heard(dave)).toEqual(['group.invited']);
      expect(heard(bob)).toEqual([]);
      await verify(everyone, () => dave.session.groups.acceptInvitation(invitationTo(dave, group)));
      expect(heard(alice)).toEqual(expect.arrayContaining(['member.added', 'group.invitation.answered']));
      await hold(group, [dave]);
    });

    it('an invitation declined tells the inviter and leaves the group as it was', async () => {
      const group = await makeGroup(alice, [bob]);
      // Bob invites: any member may invite their friends.
      await befriend(bob, carol);
      await verify(everyone, () => bob.session.groups.invite(group, [carol.id]));
      await verify(everyone, () => carol.session.groups.declineInvitation(invitationTo(carol, group)));
      expect(heard(bob)).toContain('group.invitation.answered');
      expect(heard(alice)).toEqual([]);
      await verify(everyone, () => bob.client.http.friends.remove(carol.id));
    });

    it('an invitation in direct mode puts the invitee in at once', async () => {
      const group = await makeGroup(alice, [bob], { name: 'Study group', inviteMode: 'direct' });
      const result = await verify(everyone, () => alice.session.groups.invite(group, [carol.id]));
      expect(result.added).toEqual([carol.id]);
      expect(heard(bob)).toContain('member.added');
      expect(heard(carol)).toEqual(expect.arrayContaining(['message.created', 'conversation.updated']));
      await hold(group, [carol]);
    });

    it('joining an open group is heard by its members', async () => {
      const group = await makeGroup(bob, [], { name: 'Open mic', joinPolicy: 'open' });
      await hold(group, [bob]);
      await verify(everyone, () => carol.session.groups.join(group));
      expect(heard(bob)).toEqual(expect.arrayContaining(['member.added', 'message.created']));
      await hold(group, [carol]);
    });

    it('an application reaches the owner and admins, and approving it lets the applicant in', async () => {
      const group = await makeGroup(alice, [bob], { name: 'Chess club', joinPolicy: 'approval' });
      await verify(everyone, () => alice.session.groups.updateMember(group, bob.id, { role: 'admin' }));
      const { request } = await verify(everyone, async () => {
        const result = await carol.session.groups.join(group, "I'm Carol from class 3");
        if (result.status !== 'pending') throw new Error('carol should wait for approval');
        return result;
      });
      expect(heard(alice)).toContain('group.join.requested');
      expect(heard(bob)).toContain('group.join.requested');
      await verify(everyone, () => bob.session.groups.approve(request.id));
      expect(heard(alice)).toEqual(expect.arrayContaining(['member.added', 'group.join.decided']));
      expect(heard(carol)).toContain('group.join.decided');
      await hold(group, [carol]);
    });

    it('rejecting an application tells the applicant and every manager', async () => {
      const group = await makeGroup(alice, [bob], { name: 'Debate club', joinPolicy: 'approval' });
      await verify(everyone, () => alice.session.groups.updateMember(group, bob.id, { role: 'admin' }));
      await carol.client.http.groups.join(group);
      await settle(everyone);
      await until(() => alice.session.getSnapshot().joinRequests.some((r) => r.group.id === group));
      const request = alice.session.getSnapshot().joinRequests.find((r) => r.group.id === group)!;
      await verify(everyone, () => alice.session.groups.reject(request.id));
      expect(heard(bob)).toContain('group.join.decided');
      expect(heard(carol)).toContain('group.join.decided');
    });
    it('joining a group another way drops the invitation to it', async () => {
      const group = await makeGroup(bob, [], { name: 'Book club', joinPolicy: 'open' });
      await hold(group, [bob]);
      await befriend(bob, dave);
      await verify(everyone, () => bob.session.groups.invite(group, [dave.id]));
      await verify(everyone, () => dave.session.groups.join(group));
      expect(heard(dave)).toContain('group.invitation.cancelled');
      expect(dave.session.getSnapshot().invitations.map((i) => i.group.id)).not.toContain(group);
      await verify(everyone, () => bob.client.http.friends.remove(dave.id));
    });

    it("an applicant who gets in by invitation drops out of the managers' queue", async () => {
      const group = await makeGroup(alice, [bob], { name: 'Film club', inviteMode: 'direct' });
      await verify(everyone, () => carol.session.groups.join(group, 'films!'));
      expect(alice.session.getSnapshot().joinRequests.map((r) => r.group.id)).toContain(group);
      await verify(everyone, () => alice.session.groups.invite(group, [carol.id]));
      expect(alice.session.getSnapshot().joinRequests.map((r) => r.group.id)).not.toContain(group);
    });

    it("dissolving a group takes its pending invitations off the invitees' lists", async () => {
      const group = await makeGroup(bob, [], { name: 'Chess club', joinPolicy: 'open' });
      await befriend(bob, dave);
      await verify(everyone, () => bob.session.groups.invite(group, [dave.id]));
      expect(dave.session.getSnapshot().invitations.map((i) => i.group.id)).toContain(group);
      await verify(everyone, () => bob.session.groups.dissolve(group));
      expect(heard(dave)).toContain('group.invitation.cancelled');
      expect(dave.session.getSnapshot().invitations.map((i) => i.group.id)).not.toContain(group);
      await verify(everyone, () => bob.client.http.friends.remove(dave.id));
    });
  },
);
