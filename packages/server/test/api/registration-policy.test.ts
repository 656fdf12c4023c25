import { describe, expect, it } from 'vitest';
import { defaultPassword, register, uniqueUsername } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';

/** Each describe starts an empty server; tests inside run in order, so the first account is known. */
describe.each(dialects)('registration policy on %s', (dialect) => {
  describe('an empty server with open registration', () => {
    const server = useServer(dialect, { registration: 'open' });

    it('makes exactly one of two people registering at once the admin', async () => {
      const [alice, bob] = await Promise.all([register(server(), 'alice'), register(server(), 'bob')]);
      expect([alice.user.role, bob.user.role].sort()).toEqual(['admin', 'member']);
    });

    it('makes every later account a member', async () => {
      const carol = await register(server(), 'carol');
      const dave = await register(server(), 'dave');
      expect(carol.user.role).toBe('member');
      expect(dave.user.role).toBe('member');
    });

    it('tells clients the policy in GET /server', async () => {
      const res = await api(server(), 'GET', '/server');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'parley', registration: 'open', singleSession: false });
    });
  });

  describe('a closed server', () => {
    const server = useServer(dialect, { registration: 'closed' });

    it('still lets the first account in, as admin', async () => {
      const alice = await register(server(), 'alice');
      expect(alice.user.role).toBe('admin');
    });

    it('refuses the next one with 403 registration_closed', async () => {
      const res = await api(server(), 'POST', '/auth/register', {
        json: { username: uniqueUsername('bob'), displayName: 'Bob', password: defaultPassword },
      });
      expectError(res, 403, 'registration_closed');
    });
  });

  describe('an invite-only server', () => {
    const server = useServer(dialect, { registration: 'invite' });
    let admin: Awaited<ReturnType<typeof register>>;

    it('lets the first account in without a code, as admin', async () => {
      admin = await register(server(), 'alice');
      expect(admin.user.role).toBe('admin');
    });

    it('refuses registration without a code with 403 invite_invalid', async () => {
      const res = await api(server(), 'POST', '/auth/register', {
        json: { username: uniqueUsername('bob'), displayName: 'Bob', password: defaultPassword },
      });
      expectError(res, 403, 'invite_invalid');
    });

    it('refuses a code it never gave out with 403 invite_invalid', async () => {
      const res = await api(server(), 'POST', '/auth/register', {
        json: {
          username: uniqueUsername('bob'),
          displayName: 'Bob',
          password: defaultPassword,
          inviteCode: 'made-up',
        },
      });
      expectError(res, 403, 'invite_invalid');
    });

    it('gives an admin an invite code that lets one person register, once', async () => {
      const invite = await api(server(), 'POST', '/invites', { token: admin.token, json: {} });
      expect(invite.status).toBe(201);
      expect(typeof invite.body.code).toBe('string');
      expect(Date.parse(invite.body.expiresAt)).toBeGreaterThan(Date.now());

      const bob = await register(server(), 'bob', { inviteCode: invite.body.code });
      expect(bob.user.role).toBe('member');

      const reused = await api(server(), 'POST', '/auth/register', {
        json: {
          username: uniqueUsername('carol'),
          displayName: 'Carol',
          password: defaultPassword,
          inviteCode: invite.body.code,
        },
      });
      expectError(reused, 403, 'invite_invalid');
    });

    it('does not create the account when the code is refused', async () => {
      const username = uniqueUsername('carol');
      const res = await api(server(), 'POST', '/auth/register', {
        json: { username, displayName: 'Carol', password: defaultPassword, inviteCode: 'made-up' },
      });
      expectError(res, 403, 'invite_invalid');
      const lookup = await api(server(), 'GET', `/users/by-username/${username}`, { token: admin.token });
      expectError(lookup, 404, 'not_found');
    });

    it('lets an admin create an invite with no body at all', async () => {
      const invite = await api(server(), 'POST', '/invites', { token: admin.token });
      expect(invite.status).toBe(201);
      expect(typeof invite.body.code).toBe('string');
    });

    it('refuses invite creation by a member with 403 forbidden', async () => {
      const code = (await api(server(), 'POST', '/invites', { token: admin.token, json: {} })).body.code;
      const bob = await register(server(), 'bob', { inviteCode: code });
      const res = await api(server(), 'POST', '/invites', { token: bob.token, json: {} });
      expectError(res, 403, 'forbidden');
    });

    it('refuses invite creation without a token with 401 unauthenticated', async () => {
      expectError(await api(server(), 'POST', '/invites', { json: {} }), 401, 'unauthenticated');
    });

    it('lets exactly one of two people racing for one code register', async () => {
      const code = (await api(server(), 'POST', '/invites', { token: admin.token, json: {} })).body.code;
      const results = await Promise.all(
        ['carol', 'dave'].map((name) =>
          api(server(), 'POST', '/auth/register', {
            json: {
              username: uniqueUsername(name),
              displayName: name,
              password: defaultPassword,
              inviteCode: code,
            },
          }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 403]);
      expectError(
        results.find((r) => r.status === 403)!,
        403,
        'invite_invalid',
      );
    });
  });
});
