import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Person,
  befriend,
  conversation,
  device,
  heard,
  join,
  leaveAll,
  makeGroup,
  settle,
  verify,
} from './support.ts';

/**
 * verify_action for read state, receipts, pins and mutes: alice reads on two devices (her
 * laptop's session and her phone's, two logins), bob is her friend, carol is in their group.
 */
describe.each(['sqlite', 'postgres'] as const)(
  'read-state events agree with a fresh load on %s',
  { timeout: 20_000 },
  (dialect) => {
    let server: TestServer;
    let alice: Person;
    let phone: Person;
    let bob: Person;
    let carol: Person;
    let everyone: Person[];
    let direct: string;
    let group: string;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      alice = await join(server, 'alice');
      bob = await join(server, 'bob');
      carol = await join(server, 'carol');
      phone = await device(server, alice);
      everyone = [alice, phone, bob, carol];
      direct = await befriend(alice, bob);
      await befriend(alice, carol);
      group = await makeGroup(alice, [bob, carol]);
      await settle(everyone);
    }, 60_000);
    afterAll(async () => {
      leaveAll(everyone);
      await server?.close();
    });

    const send = (person: Person, conversationId: string, text: string) =>
      person.session.chats.send(conversationId, text).acked;

    it("reading on alice's phone clears the badge on her laptop, and bob sees the receipt", async () => {
      await send(bob, direct, 'are you there?');
      const { seq } = await send(bob, direct, 'alice?');
      await settle([alice, phone, bob]);
      expect(conversation(alice, direct).unreadCount).toBeGreaterThan(0);
      await verify([alice, phone, bob], () => phone.session.chats.markRead(direct, seq));
      expect(heard(alice)).toContain('read.updated');
      expect(heard(bob)).toContain('receipt.updated');
      expect(conversation(alice, direct).unreadCount).toBe(0);
    });

    it("alice's own message reads everything before it, on her phone too", async () => {
      await send(bob, direct, 'one more thing');
      await settle([alice, phone, bob]);
      expect(conversation(phone, direct).unreadCount).toBeGreaterThan(0);
      await verify([alice, phone, bob], () => send(alice, direct, 'yes?'));
      // Her own message.created says it all: no read.updated is sent with it (PROTOCOL.md).
      expect(heard(phone)).toContain('message.created');
      expect(heard(phone)).not.toContain('read.updated');
      expect(conversation(phone, direct).unreadCount).toBe(0);
      expect(heard(bob)).toContain('receipt.updated');
    });

    it("reading a group with a mention clears it on alice's phone, and nobody gets a receipt", async () => {
      const { seq } = await send(carol, group, `@${alice.username} homework?`);
      await settle(everyone);
      expect(conversation(phone, group).mentionCount).toBe(1);
      await verify(everyone, () => alice.session.chats.markRead(group, seq));
      expect(heard(phone)).toContain('read.updated');
      expect(heard(carol)).not.toContain('receipt.updated');
    });

    it("pinning and unpinning reach alice's phone and nobody else", async () => {
      await verify(everyone, () => alice.session.chats.pin(group, true));
      expect(heard(phone)).toContain('conversation.member_updated');
      expect(heard(bob)).toEqual([]);
      await verify(everyone, () => alice.session.chats.pin(direct, true));
      await verify(everyone, () => alice.session.chats.pin(group, false));
      await verify(everyone, () => alice.session.chats.pin(direct, false));
    });

    it("muting notifications reaches alice's phone, and the badge still counts", async () => {
      await verify(everyone, () => alice.session.chats.mute(group, true));
      expect(heard(phone)).toContain('conversation.member_updated');
      await verify(everyone, () => send(bob, group, 'still counted'));
      expect(conversation(phone, group).unreadCount).toBeGreaterThan(0);
      await verify(everyone, () => alice.session.chats.mute(group, false));
    });

    it('with read receipts off, a read reaches her devices and sends the peer nothing', async () => {
      // A pair of their own: turning receipts off tells the peer nothing (PROTOCOL.md,
      // Receipts), so dave's `peerReadSeq` stays where it was while a fresh load shows null —
      // by design; his session is checked only for the events he did not get.
      const erin = await join(server, 'erin');
      const erinPhone = await device(server, erin);
      const dave = await join(server, 'dave');
      everyone.push(erin, erinPhone, dave);
      const theirs = await befriend(erin, dave);
      await verify([erin, erinPhone], () => erin.session.account.updateSettings({ readReceipts: false }));
      expect(heard(erinPhone)).toContain('settings.updated');
      expect(heard(dave)).toEqual([]);
      const { seq } = await send(dave, theirs, 'hi erin');
      await settle([erin, erinPhone]);
      await verify([erin, erinPhone], () => erinPhone.session.chats.markRead(theirs, seq));
      expect(heard(erin)).toContain('read.updated');
      expect(heard(dave)).toEqual([]);
      // On again, erin sees how far dave has read.
      await verify([erin, erinPhone], () => erinPhone.session.account.updateSettings({ readReceipts: true }));
      expect(heard(erin)).toContain('settings.updated');
    });
  },
);
