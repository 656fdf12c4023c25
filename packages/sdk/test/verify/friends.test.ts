import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, befriend, device, heard, join, leaveAll, settle, verify } from './support.ts';

/**
 * verify_action for friends, blocks and presence: alice (with her phone) is shared, and each
 * test meets someone new, so every test starts from a relationship of its own.
 */
describe.each(['sqlite', 'postgres'] as const)(
  'friend events agree with a fresh load on %s',
  { timeout: 20_000 },
  (dialect) => {
    let server: TestServer;
    let alice: Person;
    let phone: Person;
    const everyone: Person[] = [];
    const meet = async (name: string) => {
      const person = await join(server, name);
      everyone.push(person);
      return person;
    };

    beforeAll(async () => {
      server = await startTestServer(dialect);
      alice = await meet('alice');
      phone = await device(server, alice);
      everyone.push(phone);
      // Alice shows her presence to friends only: in the lobby everyone shares, a stranger
      // she blocks would otherwise keep seeing her online, as a blocked friend does (below);
      // the lobby's presence has its tests in presence.test.ts.
      await alice.session.account.updateSettings({ presenceVisibleTo: 'friends' });
      await settle([alice, phone]);
    }, 60_000);
    afterAll(async () => {
      leaveAll(everyone);
      await server?.close();
    });

    it("a friend request reaches bob, and alice's phone lists it as outgoing", async () => {
      const bob = await meet('bob');
      await verify([alice, phone, bob], () => alice.session.people.request(bob.id, "I'm Alice from class 3"));
      expect(heard(bob)).toContain('friend.requested');
      expect(heard(phone)).toContain('friend.requested');
    });

    it('bob accepting makes them friends on every device, with their direct conversation and presence', async () => {
      const bob = await meet('bob');
      const { request } = await alice.client.http.friends.request(bob.id);
      await settle([alice, phone, bob]);
      await verify([alice, phone, bob], () => bob.session.people.accept(request.id));
      expect(heard(phone)).toEqual(
        expect.arrayContaining([
          'conversation.updated',
          'message.created',
          'friend.accepted',
          'presence.changed',
        ]),
      );
    });

    it('alice asking bob, who had asked her first, makes them friends at once', async () => {
      const bob = await meet('bob');
      await bob.client.http.friends.request(alice.id);
      await settle([alice, phone, bob]);
      const result = await verify([alice, phone, bob], () => alice.session.people.request(bob.id));
      expect(result.status).toBe('accepted');
      expect(heard(bob)).toContain('friend.accepted');
    });

    it('bob declining closes the request for both of them', async () => {
      const bob = await meet('bob');
      const { request } = await alice.client.http.friends.request(bob.id);
      await settle([alice, phone, bob]);
      await verify([alice, phone, bob], () => bob.session.people.decline(request.id));
      expect(heard(alice)).toContain('friend.declined');
    });

    it("alice withdrawing her request takes it out of bob's list", async () => {
      const bob = await meet('bob');
      const { request } = await alice.client.http.friends.request(bob.id);
      await settle([alice, phone, bob]);
      await verify([alice, phone, bob], () => alice.session.people.cancel(request.id));
      expect(heard(bob)).toContain('friend.cancelled');
    });

    it("a remark reaches alice's phone and never bob", async () => {
      const bob = await meet('bob');
      await befriend(alice, bob);
      await settle([phone]);
      await verify([alice, phone, bob], () => alice.session.people.setRemark(bob.id, 'Bobby (chess)'));
      expect(heard(phone)).toContain('friend.updated');
      expect(heard(bob)).not.toContain('friend.updated');
      await verify([alice, phone, bob], () => alice.session.people.setRemark(bob.id, null));
    });

    it('removing a friend ends the friendship, and the presence with it, for both', async () => {
      const bob = await meet('bob');
      await befriend(alice, bob);
      await verify([alice, phone, bob], () => alice.session.people.remove(bob.id));
      expect(heard(bob)).toContain('friend.removed');
    });

    it("blocking someone who asked sets their request aside on alice's devices, and bob notices nothing", async () => {
      const bob = await meet('bob');
      await bob.client.http.friends.request(alice.id);
      await settle([alice, phone, bob]);
      await verify([alice, phone, bob], () => alice.session.people.block(bob.id));
      expect(heard(phone)).toContain('user.blocked');
      expect(heard(bob)).toEqual([]);
    });

    it('blocking someone alice had asked withdraws her request for both', async () => {
      const bob = await meet('bob');
      await alice.client.http.friends.request(bob.id);
      await settle([alice, phone, bob]);
      await verify([alice, phone, bob], () => alice.session.people.block(bob.id));
      expect(heard(bob)).toContain('friend.cancelled');
    });

    it("blocking a friend hides their presence on alice's devices", async () => {
      const bob = await meet('bob');
      await befriend(alice, bob);
      // Not bob: a block is never announced to the blocked (PROTOCOL.md, Blocks), so his session
      // keeps showing alice online while a fresh load hides her.
      await verify([alice, phone], () => alice.session.people.block(bob.id));
      expect(heard(bob)).toEqual([]);
    });

    it("unblocking a friend brings their presence back on alice's devices", async () => {
      const bob = await meet('bob');
      await befriend(alice, bob);
      await alice.client.http.friends.block(bob.id);
      await settle([alice, phone]);
      await verify([alice, phone, bob], () => alice.session.people.unblock(bob.id));
      expect(heard(phone)).toContain('user.unblocked');
    });

    it("a friend going offline and coming back shows on alice's devices", async () => {
      const bob = await meet('bob');
      await befriend(alice, bob);
      await verify([alice, phone], async () => bob.session.dispose());
      expect(heard(phone)).toContain('presence.changed');
      const again = await verify([alice, phone], async () => {
        const back = await device(server, bob);
        everyone.push(back);
        return back;
      });
      expect(heard(phone)).toContain('presence.changed');
      await settle([again]);
    });
  },
);
