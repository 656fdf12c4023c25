import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, befriend, heard, hold, join, leaveAll, makeGroup, verify } from './support.ts';

/**
 * verify_action for what happens to members: roles, mutes, ownership, removal, leaving and
 * dissolving. alice is friends with bob, carol and dave; each test makes a group of its own
 * whose members every member's session holds.
 */
describe.each(['sqlite', 'postgres'] as const)(
  'member events agree with a fresh load on %s',
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

    const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

    it('promoting bob to admin, and demoting him again, reach every member', async () => {
      const group = await makeGroup(alice, [bob, carol]);
      await verify(everyone, () => alice.session.groups.updateMember(group, bob.id, { role: 'admin' }));
      expect(heard(carol)).toEqual(expect.arrayContaining(['message.created', 'member.updated']));
      await verify(everyone, () => alice.session.groups.updateMember(group, bob.id, { role: 'member' }));
      expect(heard(bob)).toContain('member.updated');
    });

    it('muting carol, and lifting it, reach every member, carol included', async () => {
      const group = await makeGroup(alice, [bob, carol]);
      await verify(everyone, () =>
        alice.session.groups.updateMember(group, carol.id, { mutedUntil: inAnHour() }),
      );
      expect(heard(carol)).toContain('member.updated');
      // Over plain HTTP: alice's own session learns of it only from the events, too.
      await verify(everyone, () =>
        alice.client.http.groups.updateMember(group, carol.id, { mutedUntil: null }),
      );
      expect(heard(alice)).toContain('member.updated');
    });

    it('handing the group to bob makes him owner in every session', async () => {
      const group = await makeGroup(alice, [bob, carol]);
      await verify(everyone, () => alice.session.groups.transfer(group, bob.id));
      expect(heard(carol)).toEqual(expect.arrayContaining(['member.updated', 'conversation.updated']));
    });

    it('handing the group on over plain HTTP reaches the old owner through events alone', async () => {
      const group = await makeGroup(alice, [bob, carol]);
      await verify(everyone, () => alice.client.http.groups.transfer(group, carol.id));
      expect(heard(alice)).toEqual(expect.arrayContaining(['member.updated', 'conversation.updated']));
    });

    it("removing carol takes the group out of her list and her out of everyone's members", async () => {
      const group = await makeGroup(alice, [bob, carol]);
      await verify(everyone, () => alice.session.groups.kick(group, carol.id));
      expect(heard(carol)).toEqual(expect.arrayContaining(['message.created', 'member.removed']));
      expect(heard(bob)).toContain('member.removed');
    });

    it('an admin removing a member over plain HTTP reaches every session through events', async () => {
      const group = await makeGroup(alice, [bob, carol, dave]);
      await verify(everyone, () => alice.session.groups.updateMember(group, bob.id, { role: 'admin' }));
      await verify(everyone, () => bob.client.http.groups.kick(group, dave.id));
      expect(heard(bob)).toContain('member.removed');
    });

    it('bob leaving is heard by the members who stay', async () => {
      const group = await makeGroup(alice, [bob, carol]);
      await verify(everyone, () => bob.session.groups.leave(group));
      expect(heard(alice)).toEqual(expect.arrayContaining(['message.created', 'member.removed']));
    });

    it("dissolving the group takes it out of every member's list", async () => {
      const group = await makeGroup(alice, [bob, carol]);
      await verify(everyone, () => alice.session.groups.dissolve(group));
      expect(heard(bob)).toEqual(expect.arrayContaining(['message.created', 'member.removed']));
    });

    it('the owner leaving as the last member dissolves the group', async () => {
      const group = await makeGroup(alice, [bob]);
      await verify(everyone, () => bob.session.groups.leave(group));
      await verify(everyone, () => alice.session.groups.leave(group));
      expect(heard(alice)).toContain('member.removed');
    });

    it('dissolving an approval group drops its pending applications from the managers', async () => {
      const group = await makeGroup(alice, [bob], { name: 'Chess club', joinPolicy: 'approval' });
      await verify(everyone, () => alice.session.groups.updateMember(group, bob.id, { role: 'admin' }));
      await verify(everyone, () => dave.client.http.groups.join(group));
      expect(bob.session.getSnapshot().joinRequests.map((r) => r.group.id)).toContain(group);
      await verify(everyone, () => alice.client.http.groups.dissolve(group));
    });

    it('leaving the lobby and joining it again reach everyone who holds its members', async () => {
      await hold('lobby', [bob]);
      await verify(everyone, () => dave.session.groups.leave('lobby'));
      expect(heard(bob)).toEqual(expect.arrayContaining(['message.created', 'member.removed']));
      await verify(everyone, () => dave.session.groups.join('lobby'));
      expect(heard(bob)).toContain('member.added');
    });
  },
);
