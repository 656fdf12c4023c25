import { readFileSync } from 'node:fs';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { password } from '../support/people.ts';
import {
  type Person,
  agrees,
  befriend,
  device,
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
 * verify_action for alice's profile: `user.updated` must reach every place a session shows
 * her — her own devices, a friend's list and direct conversation, members held of a group and
 * of the lobby, a request, an invitation, an application, a block — as a fresh load shows it.
 */
describe.each(['sqlite', 'postgres'] as const)(
  'profile events agree with a fresh load on %s',
  { timeout: 20_000 },
  (dialect) => {
    let server: TestServer;
    let alice: Person;
    let phone: Person;
    let everyone: Person[];

    beforeAll(async () => {
      server = await startTestServer(dialect);
      alice = await join(server, 'alice');
      phone = await device(server, alice);
      // bob: her friend, invited by her to a group; carol: in bob's group with her (not her
      // friend); dave: asked by her to be friends, holds the lobby's members; erin: owns the
      // group she applied to; frank: blocked her.
      const [bob, carol, dave, erin, frank] = await Promise.all(
        ['bob', 'carol', 'dave', 'erin', 'frank'].map((name) => join(server, name)),
      );
      everyone = [alice, phone, bob!, carol!, dave!, erin!, frank!];
      await befriend(alice, bob!);
      await befriend(bob!, carol!);
      await makeGroup(bob!, [alice, carol!]);
      const choir = await alice.client.http.groups.create({ name: 'Choir' });
      await alice.client.http.groups.invite(choir.id, [bob!.id]);
      await alice.client.http.friends.request(dave!.id);
      await hold('lobby', [dave!]);
      const club = await erin!.client.http.groups.create({ name: 'Chess club', joinPolicy: 'approval' });
      await alice.client.http.groups.join(club.id, 'I play chess');
      await frank!.client.http.friends.block(alice.id);
      // A block is never announced to the blocked: her sessions would keep showing frank
      // online from the lobby (verify/friends.test.ts). She shows her presence, and so sees
      // others', to friends only.
      await alice.client.http.updateSettings({ presenceVisibleTo: 'friends' });
      await settle(everyone);
    }, 60_000);
    afterAll(async () => {
      leaveAll(everyone);
      await server?.close();
    });

    it('a new display name and bio reach her devices and everyone who shows her', async () => {
      await verify(everyone, () =>
        alice.session.account.updateProfile({ displayName: 'Alice L.', bio: 'maths' }),
      );
      for (const person of everyone) expect(heard(person), person.name).toContain('user.updated');
    });

    it('a new avatar, and removing it, reach everyone who shows her', async () => {
      const upload = await alice.client.http.uploads.start(png, { kind: 'image', name: 'me.png' }).done;
      await verify(everyone, () => phone.session.account.setAvatar(upload.id));
      expect(heard(alice)).toContain('user.updated');
      await verify(everyone, () => alice.session.account.removeAvatar());
    });

    it('a settings change reaches her phone and nobody else', async () => {
      // Only her devices: turning receipts off tells nobody (PROTOCOL.md, Receipts), so bob's
      // `peerReadSeq` for her stays shown while a fresh load gives null — by design.
      await verify([alice, phone], () => alice.session.account.updateSettings({ readReceipts: false }));
      expect(heard(phone)).toContain('settings.updated');
      expect(everyone.slice(2).flatMap(heard)).toEqual([]);
      await verify(everyone, () => alice.session.account.updateSettings({ readReceipts: true }));
    });

    it('signing a device out from another ends that session only', async () => {
      const tablet = await device(server, alice, 'tablet');
      const { sessions } = await tablet.client.http.sessions();
      const id = sessions.find((x) => x.current)!.id;
      await verify([alice, phone], () => alice.client.http.revokeSession(id));
      expect(heard(tablet)).toEqual(['session.revoked']);
      await until(() => tablet.session.getSnapshot().ended === 'revoked');
      expect(alice.session.getSnapshot().ended).toBeNull();
      leaveAll([tablet]);
    });

    // Last: it changes the password the other tests' devices sign in with.
    it("a password change ends her other devices' sessions, and the device that changed it stays", async () => {
      const laptop = await device(server, alice, 'laptop');
      await alice.session.account.changePassword({
        currentPassword: password,
        newPassword: 'a new horse battery staple',
      });
      await until(() => laptop.session.getSnapshot().ended === 'password_changed');
      await until(() => phone.session.getSnapshot().ended === 'password_changed');
      expect(alice.session.getSnapshot().ended).toBeNull();
      await agrees(alice);
      leaveAll([laptop]);
    });
  },
);
