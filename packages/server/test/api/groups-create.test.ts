import { limits } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type Person, befriend, people, register } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { heardAbout } from '../support/markers.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSockets } from '../support/socket.ts';

async function notices(server: TestServer, person: Person, id: string) {
  const res = await api(server, 'GET', `/conversations/${id}/messages`, { token: person.token });
  expect(res.status, res.text).toBe(200);
  return res.body.messages.map((m: { notice: unknown }) => m.notice);
}

describe.each(dialects)('making and finding groups on %s', (dialect) => {
  const server = useServer(dialect);

  it('makes alice the owner, adds her chosen friends at once, and tells only the members', async () => {
    const [alice, bob, carol, dave] = await people(server(), 'alice', 'bob', 'carol', 'dave');
    await befriend(server(), alice, bob, carol);
    const sockets = await openSockets(server(), alice, bob, dave);
    const group = await makeGroup(server(), alice, {
      name: '  Class 3 🌷 ',
      memberIds: [bob.user.id, carol.user.id, bob.user.id],
    });
    expect(group).toMatchObject({
      kind: 'group',
      name: 'Class 3 🌷',
      description: '',
      joinPolicy: 'approval',
      inviteMode: 'accept',
      showPresence: true,
      ownerId: alice.user.id,
      memberCount: 3,
      myRole: 'owner',
      myMutedUntil: null,
      peer: null,
    });
    expect(await notices(server(), bob, group.id)).toEqual([
      { type: 'group.created', actorId: alice.user.id, userIds: [] },
      { type: 'member.added', actorId: alice.user.id, userIds: [bob.user.id, carol.user.id] },
    ]);
    for (const [person, socket] of [
      [alice, sockets[0]!],
      [bob, sockets[1]!],
    ] as const) {
      const heard = await heardAbout(server(), person, socket, group.id);
      expect(heard.map((f) => f.event)).toEqual([
        'message.created',
        'message.created',
        'conversation.updated',
      ]);
      expect(heard[2]!.data).toMatchObject({
        id: group.id,
        memberCount: 3,
        lastSeq: 2,
        ownerId: alice.user.id,
      });
    }
    expect(await heardAbout(server(), dave, sockets[2]!, group.id)).toEqual([]);
    const members = await api(server(), 'GET', `/conversations/${group.id}/members`, { token: carol.token });
    expect(members.body.members.map((m: { role: string }) => m.role)).toEqual(['owner', 'member', 'member']);
    await closeAll(...sockets);
  });

  it('refuses strangers, unknown people, blank names and unknown fields', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const post = (json: unknown) => api(server(), 'POST', '/groups', { token: alice.token, json });
    expectError(await post({ name: 'x', memberIds: [bob.user.id] }), 403, 'not_friends', 'memberIds');
    expectError(await post({ name: 'x', memberIds: ['nobody-has-this-id'] }), 404, 'not_found', 'memberIds');
    expectError(await post({ name: '   ' }), 400, 'invalid_request', 'name');
    expectError(await post({ name: 'a\u202Eb' }), 400, 'invalid_request', 'name');
    expectError(await post({ name: 'x'.repeat(limits.groupNameMax + 1) }), 400, 'invalid_request', 'name');
    expectError(await post({ name: 'x', owner: bob.user.id }), 400, 'invalid_request', 'owner');
    const many = Array.from({ length: limits.inviteBatchMax + 1 }, (_, i) => `id${i}`);
    expectError(await post({ name: 'x', memberIds: many }), 400, 'invalid_request', 'memberIds');
    expectError(await api(server(), 'POST', '/groups', { json: { name: 'x' } }), 401, 'unauthenticated');
  });

  it('refuses a group name of only invisible characters, or one that breaks the line, on making and renaming', async () => {
    const alice = await register(server(), 'alice');
    const group = await makeGroup(server(), alice, { name: 'Book club' });
    const post = (json: unknown) => api(server(), 'POST', '/groups', { token: alice.token, json });
    const patch = (json: unknown) =>
      api(server(), 'PATCH', `/groups/${group.id}`, { token: alice.token, json });
    for (const [name, why] of [
      ['\u200B\u200C\u200D', /blank/],
      ['\u3164\u3164', /blank/],
      [' \u2800 \u180E ', /blank/],
      ['Book\u2028club', /one line/],
    ] as const) {
      for (const res of [await post({ name }), await patch({ name })]) {
        expectError(res, 400, 'invalid_request', 'name');
        expect(res.body.error.message).toMatch(why);
      }
    }
    const still = await api(server(), 'GET', `/conversations/${group.id}`, { token: alice.token });
    expect(still.body.name).toBe('Book club');
  });

  it('finds listed groups by name, any letter case, wildcards taken literally, a page at a time', async () => {
    const alice = await register(server(), 'alice');
    const tag = `Zq${Math.random().toString(36).slice(2, 7)}`;
    const open = await makeGroup(server(), alice, { name: `${tag} Open`, joinPolicy: 'open' });
    const approval = await makeGroup(server(), alice, { name: `${tag} Approval` });
    await makeGroup(server(), alice, { name: `${tag} Secret`, joinPolicy: 'invite' });
    const percent = await makeGroup(server(), alice, { name: `${tag} 100%_sure`, joinPolicy: 'open' });
    const gone = await makeGroup(server(), alice, { name: `${tag} Gone`, joinPolicy: 'open' });
    expect((await api(server(), 'DELETE', `/groups/${gone.id}`, { token: alice.token })).status).toBe(204);
    const search = (query: string) => api(server(), 'GET', `/groups?${query}`, { token: alice.token });

    const all = await search(`q=${tag.toUpperCase()}&limit=2`);
    expect(all.status, all.text).toBe(200);
    expect(all.body.groups).toHaveLength(2);
    const rest = await search(`q=${tag.toLowerCase()}&limit=2&cursor=${all.body.nextCursor}`);
    expect(rest.body.nextCursor).toBeNull();
    const found = [...all.body.groups, ...rest.body.groups];
    expect(found.map((g: { id: string }) => g.id).sort()).toEqual([open.id, approval.id, percent.id].sort());
    expect(found.find((g: { id: string }) => g.id === open.id)).toEqual({
      id: open.id,
      name: `${tag} Open`,
      description: '',
      avatar: null,
      avatarSmall: null,
      memberCount: 1,
      joinPolicy: 'open',
    });
    const literal = await search(`q=${encodeURIComponent(`${tag} 100%_`)}`);
    expect(literal.body.groups.map((g: { id: string }) => g.id)).toEqual([percent.id]);
    expect((await search(`q=${encodeURIComponent(`${tag} %`)}`)).body.groups).toEqual([]);
    expectError(await search('q=x&cursor=bogus'), 400, 'invalid_request', 'cursor');
  });

  it('previews a listed group to anyone, and an invite-only or unknown one to no outsider', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const listed = await makeGroup(server(), alice, { description: 'Maths homework\nand more' });
    const secret = await makeGroup(server(), alice, { joinPolicy: 'invite' });
    const preview = (person: Person, id: string) =>
      api(server(), 'GET', `/groups/${id}/preview`, { token: person.token });
    expect((await preview(bob, listed.id)).body).toEqual({
      id: listed.id,
      name: 'Class 3',
      description: 'Maths homework\nand more',
      avatar: null,
      avatarSmall: null,
      memberCount: 1,
      joinPolicy: 'approval',
    });
    expectError(await preview(bob, secret.id), 404, 'not_found');
    expectError(await preview(bob, 'no-such-group'), 404, 'not_found');
    expect((await preview(alice, secret.id)).status).toBe(200);
  });

  it('lets the owner and admins change the group; members hear it, outsiders do not', async () => {
    const [alice, bob, carol, dave] = await people(server(), 'alice', 'bob', 'carol', 'dave');
    await befriend(server(), alice, bob, carol);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id, carol.user.id] });
    const patch = (person: Person, json: unknown) =>
      api(server(), 'PATCH', `/groups/${group.id}`, { token: person.token, json });
    const [bobSocket, daveSocket] = await openSockets(server(), bob, dave);

    const renamed = await patch(alice, { name: 'Class 3B' });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Class 3B', myRole: 'owner' });
    expectError(await patch(bob, { name: 'Mine now' }), 403, 'forbidden');
    expectError(await patch(dave, { name: 'Mine now' }), 404, 'not_found');
    expectError(await patch(alice, {}), 400, 'invalid_request');
    expectError(await patch(alice, { joinPolicy: 'closed' }), 400, 'invalid_request', 'joinPolicy');
    await api(server(), 'PATCH', `/groups/${group.id}/members/${bob.user.id}`, {
      token: alice.token,
      json: { role: 'admin' },
    });
    const settings = await patch(bob, { joinPolicy: 'open', description: 'hi', showPresence: true });
    expect(settings.body).toMatchObject({ joinPolicy: 'open', description: 'hi', myRole: 'admin' });

    const heard = await heardAbout(server(), bob, bobSocket, group.id);
    const updates = heard.filter((f) => f.event === 'conversation.updated').map((f) => f.data);
    expect(updates.map((u) => [u.name, u.joinPolicy])).toEqual([
      ['Class 3B', 'approval'],
      ['Class 3B', 'open'],
    ]);
    expect(await heardAbout(server(), dave, daveSocket, group.id)).toEqual([]);
    expect((await notices(server(), carol, group.id)).slice(-3)).toEqual([
      { type: 'group.renamed', actorId: alice.user.id, userIds: [], detail: { name: 'Class 3B' } },
      { type: 'member.promoted', actorId: alice.user.id, userIds: [bob.user.id] },
      {
        type: 'group.updated',
        actorId: bob.user.id,
        userIds: [],
        detail: { fields: 'description,joinPolicy' },
      },
    ]);
    await closeAll(bobSocket, daveSocket);
  });

  it('lets nobody change the lobby', async () => {
    const alice = await register(server(), 'alice');
    const db = server().parley.services.store.db;
    const lobby = await db
      .selectFrom('conversations')
      .select('id')
      .where('kind', '=', 'lobby')
      .executeTakeFirst();
    if (!lobby) return; // PARLEY_LOBBY is on by default; without a lobby there is nothing to test
    await api(server(), 'POST', `/groups/${lobby.id}/join`, { token: alice.token });
    await db.updateTable('members').set({ role: 'admin' }).where('user_id', '=', alice.user.id).execute();
    const res = await api(server(), 'PATCH', `/groups/${lobby.id}`, {
      token: alice.token,
      json: { name: 'Mine' },
    });
    expectError(res, 403, 'forbidden');
  });
});
