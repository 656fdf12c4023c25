import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultPassword, logIn, register, uniqueUsername } from '../support/factories.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';

describe.each(dialects)('accounts on %s', (dialect) => {
  const server = useServer(dialect);

  describe('registering', () => {
    it('answers 201 with a bearer token, the new session and the user', async () => {
      const username = uniqueUsername('alice');
      const res = await api(server(), 'POST', '/auth/register', {
        json: { username, displayName: 'Alice', password: defaultPassword, deviceName: 'Laptop' },
      });
      expect(res.status).toBe(201);
      expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(res.body.user).toMatchObject({ username, displayName: 'Alice', bio: '', avatar: null });
      expect(res.body.user).not.toHaveProperty('password_hash');
      expect(res.body.user).not.toHaveProperty('passwordHash');
      expect(res.body.session).toMatchObject({ deviceName: 'Laptop', current: true });
      const me = await api(server(), 'GET', '/me', { token: res.body.token });
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(res.body.user.id);
    });

    it('keeps neither the password nor the token: scrypt for one, SHA-256 for the other', async () => {
      const res = await api(server(), 'POST', '/auth/register', {
        json: { username: uniqueUsername('erin'), displayName: 'Erin', password: defaultPassword },
      });
      const db = server().parley.services.store.db;
      const user = await db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', res.body.user.id)
        .executeTakeFirstOrThrow();
      // scrypt$<log2 N>$<r>$<p>$<salt>$<hash>; the test server's cost is 12 (PARLEY_PASSWORD_HASH_COST).
      expect(user.password_hash).toMatch(/^scrypt\$12\$8\$1\$[A-Za-z0-9+/=_-]+\$[A-Za-z0-9+/=_-]+$/);
      expect(user.password_hash).not.toContain(defaultPassword);
      const session = await db
        .selectFrom('sessions')
        .select('token_hash')
        .where('id', '=', res.body.session.id)
        .executeTakeFirstOrThrow();
      expect(session.token_hash).toBe(createHash('sha256').update(res.body.token).digest('hex'));
    });

    it('stores the username in lower case and treats it case-insensitively', async () => {
      const lower = uniqueUsername('dave');
      const mixed = lower.replace('dave', 'DaVe');
      const res = await api(server(), 'POST', '/auth/register', {
        json: { username: mixed, displayName: 'Dave', password: defaultPassword },
      });
      expect(res.status).toBe(201);
      expect(res.body.user.username).toBe(lower);

      const again = await api(server(), 'POST', '/auth/register', {
        json: { username: lower, displayName: 'Other Dave', password: defaultPassword },
      });
      expectError(again, 409, 'username_taken', 'username');

      const login = await api(server(), 'POST', '/auth/login', {
        json: { username: lower.toUpperCase(), password: defaultPassword },
      });
      expect(login.status).toBe(200);
      expect(login.body.user.id).toBe(res.body.user.id);

      const found = await api(server(), 'GET', `/users/by-username/${lower.toUpperCase()}`, {
        token: res.body.token,
      });
      expect(found.status).toBe(200);
      expect(found.body.id).toBe(res.body.user.id);
    });

    it('keeps display names in Chinese and with emoji exactly as written', async () => {
      for (const displayName of ['王小明', '🐉 Drachen 👩‍💻', 'Zoë 🇫🇷 さくら']) {
        const person = await register(server(), 'carol', { displayName });
        expect(person.user.displayName).toBe(displayName);
        const me = await api(server(), 'GET', '/me', { token: person.token });
        expect(me.body.displayName).toBe(displayName);
        const seen = await api(server(), 'GET', `/users/${person.user.id}`, { token: person.token });
        expect(seen.body.displayName).toBe(displayName);
      }
    });

    it('refuses a display name of only invisible characters, or one that breaks the line, naming the field', async () => {
      for (const [displayName, why] of [
        ['\u200B\u200B', /blank/],
        ['\u3164', /blank/],
        [' \u2800\u2060\uFEFF ', /blank/],
        ['Alice\u2028Admin', /one line/],
      ] as const) {
        const res = await api(server(), 'POST', '/auth/register', {
          json: { username: uniqueUsername('erin'), displayName, password: defaultPassword },
        });
        expectError(res, 400, 'invalid_request', 'displayName');
        expect(res.body.error.message).toMatch(why);
      }
    });

    it('refuses a taken username with 409 username_taken naming the field', async () => {
      const alice = await register(server(), 'alice');
      const res = await api(server(), 'POST', '/auth/register', {
        json: { username: alice.username, displayName: 'Not Alice', password: 'another password' },
      });
      expectError(res, 409, 'username_taken', 'username');
    });

    it('lets exactly one of several concurrent registrations of one name win', async () => {
      const username = uniqueUsername('bob');
      const results = await Promise.all(
        [1, 2, 3, 4].map((n) =>
          api(server(), 'POST', '/auth/register', {
            json: { username, displayName: `Bob ${n}`, password: defaultPassword },
          }),
        ),
      );
      const won = results.filter((r) => r.status === 201);
      const lost = results.filter((r) => r.status !== 201);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(3);
      for (const res of lost) expectError(res, 409, 'username_taken', 'username');
      const found = await api(server(), 'GET', `/users/by-username/${username}`, {
        token: won[0]!.body.token,
      });
      expect(found.body.id).toBe(won[0]!.body.user.id);
    });
  });

  describe('logging in and out', () => {
    it('logs in with the right password as a new device session', async () => {
      const alice = await register(server(), 'alice', { deviceName: 'Laptop' });
      const res = await api(server(), 'POST', '/auth/login', {
        json: { username: alice.username, password: alice.password, deviceName: 'Phone' },
      });
      expect(res.status).toBe(200);
      expect(res.body.user.id).toBe(alice.user.id);
      expect(res.body.token).not.toBe(alice.token);
      expect(res.body.session).toMatchObject({ deviceName: 'Phone', current: true });
      expect(res.body.session.id).not.toBe(alice.session.id);
    });

    it('refuses a wrong password and an unknown user alike with 401 invalid_credentials', async () => {
      const alice = await register(server(), 'alice');
      const wrong = await api(server(), 'POST', '/auth/login', {
        json: { username: alice.username, password: 'not the password' },
      });
      const unknown = await api(server(), 'POST', '/auth/login', {
        json: { username: uniqueUsername('nobody'), password: 'not the password' },
      });
      expectError(wrong, 401, 'invalid_credentials');
      expectError(unknown, 401, 'invalid_credentials');
      expect(unknown.body.error.message).toBe(wrong.body.error.message);
      expect(unknown.body).toEqual(wrong.body);
    });

    it('ends the session on logout: its token then gets 401 unauthenticated, other sessions go on', async () => {
      const alice = await register(server(), 'alice');
      const phone = await logIn(server(), alice, 'Phone');
      const out = await api(server(), 'POST', '/auth/logout', { token: alice.token });
      expect(out.status).toBe(204);
      expect(out.text).toBe('');
      expectError(await api(server(), 'GET', '/me', { token: alice.token }), 401, 'unauthenticated');
      expectError(
        await api(server(), 'POST', '/auth/logout', { token: alice.token }),
        401,
        'unauthenticated',
      );
      expect((await api(server(), 'GET', '/me', { token: phone.token })).status).toBe(200);
    });
  });

  describe('device sessions', () => {
    it('lists my sessions with their device name, address and which one is current', async () => {
      const alice = await register(server(), 'alice', { deviceName: 'Laptop' });
      const phone = await logIn(server(), alice, 'Phone');
      const res = await api(server(), 'GET', '/me/sessions', { token: phone.token });
      expect(res.status).toBe(200);
      expect(res.body.sessions).toHaveLength(2);
      const byId = new Map(res.body.sessions.map((s: { id: string }) => [s.id, s]));
      expect(byId.get(phone.session.id)).toMatchObject({
        deviceName: 'Phone',
        current: true,
        ip: '127.0.0.1',
      });
      expect(byId.get(alice.session.id)).toMatchObject({
        deviceName: 'Laptop',
        current: false,
        ip: '127.0.0.1',
      });
      for (const session of res.body.sessions) {
        expect(Date.parse(session.createdAt)).not.toBeNaN();
        expect(Date.parse(session.lastSeenAt)).not.toBeNaN();
      }
    });

    it('records the connecting address, not an X-Forwarded-For header it was not told to trust', async () => {
      const alice = await register(server(), 'alice');
      const res = await api(server(), 'POST', '/auth/login', {
        json: { username: alice.username, password: alice.password },
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(res.status).toBe(200);
      expect(res.body.session.ip).toBe('127.0.0.1');
    });

    it('revokes one of my sessions: its token stops working and mine keeps working', async () => {
      const alice = await register(server(), 'alice', { deviceName: 'Laptop' });
      const phone = await logIn(server(), alice, 'Phone');
      const res = await api(server(), 'DELETE', `/me/sessions/${phone.session.id}`, { token: alice.token });
      expect(res.status).toBe(204);
      expectError(await api(server(), 'GET', '/me', { token: phone.token }), 401, 'unauthenticated');
      const left = await api(server(), 'GET', '/me/sessions', { token: alice.token });
      expect(left.body.sessions.map((s: { id: string }) => s.id)).toEqual([alice.session.id]);
    });

    it("answers 404 not_found for someone else's session and leaves it alive", async () => {
      const alice = await register(server(), 'alice');
      const bob = await register(server(), 'bob');
      const res = await api(server(), 'DELETE', `/me/sessions/${bob.session.id}`, { token: alice.token });
      expectError(res, 404, 'not_found');
      expect((await api(server(), 'GET', '/me', { token: bob.token })).status).toBe(200);
    });

    it('answers 404 not_found for a session id that does not exist', async () => {
      const alice = await register(server(), 'alice');
      const res = await api(server(), 'DELETE', '/me/sessions/00000000-0000-7000-8000-000000000000', {
        token: alice.token,
      });
      expectError(res, 404, 'not_found');
    });
  });

  describe('changing the password', () => {
    it('refuses a wrong current password with 403 wrong_password', async () => {
      const alice = await register(server(), 'alice');
      const res = await api(server(), 'POST', '/me/password', {
        token: alice.token,
        json: { currentPassword: 'not the password', newPassword: 'a brand new password' },
      });
      expectError(res, 403, 'wrong_password');
      const still = await api(server(), 'POST', '/auth/login', {
        json: { username: alice.username, password: alice.password },
      });
      expect(still.status).toBe(200);
    });

    it('signs out my other sessions but keeps the one that changed it', async () => {
      const alice = await register(server(), 'alice', { deviceName: 'Laptop' });
      const phone = await logIn(server(), alice, 'Phone');
      const tablet = await logIn(server(), alice, 'Tablet');
      const res = await api(server(), 'POST', '/me/password', {
        token: phone.token,
        json: { currentPassword: alice.password, newPassword: 'a brand new password' },
      });
      expect(res.status).toBe(204);
      expectError(await api(server(), 'GET', '/me', { token: alice.token }), 401, 'unauthenticated');
      expectError(await api(server(), 'GET', '/me', { token: tablet.token }), 401, 'unauthenticated');
      const left = await api(server(), 'GET', '/me/sessions', { token: phone.token });
      expect(left.status).toBe(200);
      expect(left.body.sessions.map((s: { id: string }) => s.id)).toEqual([phone.session.id]);
    });

    it('lets the new password log in and no longer the old one', async () => {
      const alice = await register(server(), 'alice');
      const newPassword = 'a brand new password';
      const res = await api(server(), 'POST', '/me/password', {
        token: alice.token,
        json: { currentPassword: alice.password, newPassword },
      });
      expect(res.status).toBe(204);
      const old = await api(server(), 'POST', '/auth/login', {
        json: { username: alice.username, password: alice.password },
      });
      expectError(old, 401, 'invalid_credentials');
      const fresh = await api(server(), 'POST', '/auth/login', {
        json: { username: alice.username, password: newPassword },
      });
      expect(fresh.status).toBe(200);
    });

    it('refuses a new password shorter than the minimum, naming the field', async () => {
      const alice = await register(server(), 'alice');
      const res = await api(server(), 'POST', '/me/password', {
        token: alice.token,
        json: { currentPassword: alice.password, newPassword: 'short' },
      });
      expectError(res, 400, 'invalid_request', 'newPassword');
    });
  });

  describe('my profile', () => {
    it('shows my own profile', async () => {
      const alice = await register(server(), 'alice', { displayName: 'Alice A.' });
      const res = await api(server(), 'GET', '/me', { token: alice.token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...alice.user });
      expect(res.body).toHaveProperty('updatedAt');
    });

    it('changes my display name and bio and shows the change to others', async () => {
      const alice = await register(server(), 'alice');
      const bob = await register(server(), 'bob');
      const res = await api(server(), 'PATCH', '/me', {
        token: alice.token,
        json: { displayName: '爱丽丝 🌸', bio: 'Line one\nLine two' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: alice.user.id,
        displayName: '爱丽丝 🌸',
        bio: 'Line one\nLine two',
      });
      expect((await api(server(), 'GET', '/me', { token: alice.token })).body.displayName).toBe('爱丽丝 🌸');
      const seen = await api(server(), 'GET', `/users/${alice.user.id}`, { token: bob.token });
      expect(seen.body).toMatchObject({ displayName: '爱丽丝 🌸', bio: 'Line one\nLine two' });

      const bioOnly = await api(server(), 'PATCH', '/me', { token: alice.token, json: { bio: '' } });
      expect(bioOnly.body).toMatchObject({ displayName: '爱丽丝 🌸', bio: '' });
    });

    it('refuses an edit with nothing to change with 400', async () => {
      const alice = await register(server(), 'alice');
      expectError(
        await api(server(), 'PATCH', '/me', { token: alice.token, json: {} }),
        400,
        'invalid_request',
      );
      const noBody = await api(server(), 'PATCH', '/me', { token: alice.token });
      expect(noBody.status).toBe(400);
      expect(noBody.body.error.code).toMatch(/^(invalid_request|malformed_json)$/);
    });

    it('refuses a blank display name or one with control characters, naming the field', async () => {
      const alice = await register(server(), 'alice');
      for (const displayName of ['   ', 'tab\there', 'a\u202Eb', '\u200B\u3164', 'a\u2029b']) {
        const res = await api(server(), 'PATCH', '/me', { token: alice.token, json: { displayName } });
        expectError(res, 400, 'invalid_request', 'displayName');
      }
    });
  });
});
