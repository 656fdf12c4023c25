import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, heard, hold, join, leaveAll, settle, until, verify } from './support.ts';

/**
 * verify_action for who is online: alice holds the lobby's online list (without its members:
 * the session asks the server when someone comes online) and a group's (with its members:
 * the session puts them in by itself), and people come and go, hide and show their presence,
 * join, leave and rename. Her list, and everyone's online set, must be what a fresh load gives.
 */
describe.each(['sqlite', 'postgres'] as const)(
  'online lists agree with a fresh load on %s',
  { timeout: 20_000 },
  (dialect) => {
    let server: TestServer;
    let alice: Person;
    let bob: Person;
    let carol: Person;
    let group: string;
    const everyone: Person[] = [];
    const onlineIn = (person: Person, id: string) => person.session.getSnapshot().onlineIn[id];

    beforeAll(async () => {
      server = await startTestServer(dialect);
      [alice, bob, carol] = (await Promise.all(
        ['alice', 'bob', 'carol'].map((name) => join(server, name)),
      )) as [Person, Person, Person];
      everyone.push(alice, bob, carol);
      const open = await alice.client.http.groups.create({ name: 'Open room', joinPolicy: 'open' });
      group = open.id;
      await bob.client.http.groups.join(group);
      await hold(group, [alice, bob]);
      await alice.session.loadOnline('lobby');
      await alice.session.loadOnline(group);
      await settle(everyone);
    }, 60_000);
    afterAll(async () => {
      leaveAll(everyone);
      await server?.close();
    });

    it('holds the lobby’s members online, bob and carol, and the group’s, bob', async () => {
      expect(onlineIn(alice, 'lobby')?.userIds).toEqual([bob.id, carol.id]);
      expect(onlineIn(alice, group)).toEqual({ userIds: [bob.id], total: 1 });
      expect(alice.session.getSnapshot().users[carol.id]?.displayName).toBe('Carol');
    });

    it('someone new coming online joins the lobby’s list', async () => {
      const dave = await verify([alice, bob], () => join(server, 'dave'));
      everyone.push(dave);
      expect(onlineIn(alice, 'lobby')?.userIds).toContain(dave.id);
    });

    it('carol showing her presence to friends only leaves every list at once, and sees only friends', async () => {
      await verify([alice, bob, carol], () =>
        carol.session.account.updateSettings({ presenceVisibleTo: 'friends' }),
      );
      expect(onlineIn(alice, 'lobby')?.userIds).not.toContain(carol.id);
      expect(carol.session.getSnapshot().online.size).toBe(0);
      await verify([alice, bob, carol], () =>
        carol.session.account.updateSettings({ presenceVisibleTo: 'everyone' }),
      );
      expect(onlineIn(alice, 'lobby')?.userIds).toContain(carol.id);
      expect(heard(alice)).toContain('presence.changed');
    });

    it('carol joining the group comes into its list; leaving, out of it', async () => {
      await verify([alice, bob, carol], () => carol.session.groups.join(group));
      expect(onlineIn(alice, group)?.userIds).toEqual([bob.id, carol.id]);
      await verify([alice, bob, carol], () => carol.session.groups.leave(group));
      expect(onlineIn(alice, group)?.userIds).toEqual([bob.id]);
    });

    it('a rename moves bob to his place in the order', async () => {
      await verify([alice, bob], () => bob.session.account.updateProfile({ displayName: 'Zed' }));
      expect(onlineIn(alice, 'lobby')?.userIds.at(-1)).toBe(bob.id);
    });

    it('bob going offline leaves both lists; erin coming online joins the lobby’s', async () => {
      bob.session.dispose();
      everyone.splice(everyone.indexOf(bob), 1);
      await verify([alice, carol], async () => {
        await settle([alice]);
        await until(() => !alice.session.getSnapshot().online.has(bob.id));
      });
      expect(onlineIn(alice, group)).toEqual({ userIds: [], total: 0 });
      const again = await verify([alice, carol], () => join(server, 'erin'));
      everyone.push(again);
      expect(onlineIn(alice, 'lobby')?.userIds).toContain(again.id);
    });

    it('alice dissolving the group stops holding its list', async () => {
      await verify([alice], () => alice.session.groups.dissolve(group));
      expect(onlineIn(alice, group)).toBeUndefined();
    });
  },
);
