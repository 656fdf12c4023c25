import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, befriend, conversation, join, leaveAll, makeGroup, verify } from './support.ts';

/**
 * verify_action for group announcements: alice owns a group with bob and carol; she pins a
 * message, bob edits it, then recalls it. Every member's conversation must carry the
 * announcement a fresh load gives (heard through `conversation.updated`).
 */
describe.each(['sqlite', 'postgres'] as const)(
  'announcements agree with a fresh load on %s',
  { timeout: 20_000 },
  (dialect) => {
    let server: TestServer;
    let alice: Person;
    let bob: Person;
    let carol: Person;
    let everyone: Person[];
    let group: string;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      [alice, bob, carol] = (await Promise.all(
        ['alice', 'bob', 'carol'].map((name) => join(server, name)),
      )) as [Person, Person, Person];
      everyone = [alice, bob, carol];
      await befriend(alice, bob);
      await befriend(alice, carol);
      group = await makeGroup(alice, [bob, carol]);
    }, 60_000);
    afterAll(async () => {
      leaveAll(everyone);
      await server?.close();
    });

    it('a pinned message shows on the group for everyone, follows its edit, and goes with its recall', async () => {
      const said = await bob.session.chats.send(group, 'Exam moved to Friday').acked;
      await verify(everyone, () => alice.session.groups.setAnnouncement(group, said.id));
      for (const person of everyone)
        expect(conversation(person, group).announcement).toMatchObject({
          messageId: said.id,
          senderId: bob.id,
          text: 'Exam moved to Friday',
          pinnedBy: alice.id,
        });
      await verify(everyone, () => bob.session.chats.edit(said.id, 'Exam moved to Monday'));
      expect(conversation(carol, group).announcement?.text).toBe('Exam moved to Monday');
      await verify(everyone, () => bob.session.chats.recall(said.id));
      expect(conversation(carol, group).announcement).toBeNull();
    });

    it('the owner takes one down', async () => {
      const said = await alice.session.chats.send(group, 'Read the rules').acked;
      await verify(everyone, () => alice.session.groups.setAnnouncement(group, said.id));
      await verify(everyone, () => alice.session.groups.setAnnouncement(group, null));
      expect(conversation(bob, group).announcement).toBeNull();
    });
  },
);
