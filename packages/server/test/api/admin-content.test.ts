import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../src/testing.ts';
import { type Person, befriend, people, register } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSockets } from '../support/socket.ts';
import { blobPath, download, sendAttachment, shaOfEtag, uniquePng, uploadReady } from '../support/uploads.ts';

const say = (server: TestServer, person: Person, conversationId: string, text: string) =>
  api(server, 'POST', `/conversations/${conversationId}/messages`, {
    token: person.token,
    json: { clientMsgId: randomUUID(), text },
  });

const history = async (server: TestServer, person: Person, conversationId: string) =>
  (await api(server, 'GET', `/conversations/${conversationId}/messages`, { token: person.token })).body
    .messages as { id: string; kind: string; text: string; attachment: unknown; [key: string]: unknown }[];

/** The audit log's rows about one target, straight from the database. */
const auditRowsOf = (server: TestServer, targetId: string) =>
  server.parley.services.store.db
    .selectFrom('audit_log')
    .selectAll()
    .where('target_id', '=', targetId)
    .execute();

describe.each(dialects)('the admin console’s content tools on %s', (dialect) => {
  const server = useServer(dialect);
  /** The first account on a fresh server is its admin. */
  let admin: Person;
  beforeAll(async () => {
    admin = await register(server(), 'admin');
    expect(admin.user.role).toBe('admin');
  });

  const removeMessage = (who: Person, id: string) =>
    api(server(), 'POST', `/admin/messages/${id}/remove`, { token: who.token });
  const dissolve = (who: Person, id: string) =>
    api(server(), 'POST', `/admin/groups/${id}/dissolve`, { token: who.token });

  it('refuses members (forbidden) and strangers (unauthenticated) on every admin content route', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [{ conversationId }] = await befriend(server(), alice, bob);
    const sent = await say(server(), bob, conversationId, 'hello');
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id] });
    const routes: [string, string, unknown?][] = [
      ['POST', `/admin/messages/${sent.body.id}/remove`],
      ['GET', '/admin/groups'],
      ['POST', `/admin/groups/${group.id}/dissolve`],
      ['GET', '/admin/reports'],
      ['POST', `/admin/reports/${randomUUID()}/resolve`, { action: 'dismiss' }],
    ];
    for (const [method, path, json] of routes) {
      // alice owns the group and is in the chat: being a group's owner is not being the server's admin.
      expectError(await api(server(), method, path, { token: alice.token, json }), 403, 'forbidden');
      expectError(await api(server(), method, path, { json }), 401, 'unauthenticated');
    }
    const still = await history(server(), alice, conversationId);
    expect(still.find((m) => m.id === sent.body.id)).toMatchObject({ text: 'hello', recalledAt: null });
    expect((await api(server(), 'GET', `/conversations/${group.id}`, { token: bob.token })).status).toBe(200);
  });

  it('removes a picture in a chat the admin is not in: members see an admin’s tombstone, the file goes, and a forwarded copy loses it too', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [withBob] = await befriend(server(), alice, bob);
    const [withCarol] = await befriend(server(), bob, carol);
    const ab = withBob.conversationId as string;
    const bc = withCarol.conversationId as string;
    const image = await uploadReady(server(), alice, {
      kind: 'image',
      filename: 'leaked.png',
      bytes: await uniquePng(),
    });
    const sent = await sendAttachment(server(), alice, ab, image.id);
    expect(sent.status, sent.text).toBe(201);
    const original = sent.body.id as string;
    const forwarded = await api(server(), 'POST', `/messages/${original}/forward`, {
      token: bob.token,
      json: { clientMsgId: randomUUID(), conversationIds: [bc] },
    });
    expect(forwarded.status, forwarded.text).toBe(201);
    const copy = forwarded.body.acks[0].id as string;
    const file = await download(server(), carol, image.url);
    expect(file.status).toBe(200);
    const blob = blobPath(server(), shaOfEtag(file.headers.get('etag')));
    expect(existsSync(blob)).toBe(true);
    const [aliceSocket, bobSocket, carolSocket] = await openSockets(server(), alice, bob, carol);

    const removed = await removeMessage(admin, original);
    expect(removed.status, removed.text).toBe(204);

    const tombstone = {
      id: original,
      text: '',
      attachment: null,
      recalledBy: admin.user.id,
      recalledByServerAdmin: true,
    };
    for (const socket of [aliceSocket, bobSocket]) {
      const updated = await socket.waitForEvent('message.updated', (m) => m.id === original);
      expect(updated.data).toMatchObject(tombstone);
      expect(updated.data.recalledAt).toEqual(expect.any(String));
    }
    // bob had not read it: his badge drops back.
    const counts = await bobSocket.waitForEvent('read.updated', (d) => d.conversationId === ab);
    expect(counts.data).toMatchObject({ unreadCount: 0 });
    for (const socket of [bobSocket, carolSocket]) {
      const updated = await socket.waitForEvent('message.updated', (m) => m.id === copy);
      expect(updated.data).toMatchObject({ ...tombstone, id: copy });
    }
    expect(carolSocket.events('message.updated', (m) => m.id === original)).toEqual([]);

    expect((await history(server(), bob, ab)).find((m) => m.id === original)).toMatchObject(tombstone);
    expect((await history(server(), carol, bc)).find((m) => m.id === copy)).toMatchObject({
      ...tombstone,
      id: copy,
    });
    expectError((await download(server(), alice, image.url)).asApi, 404, 'not_found');
    expectError((await download(server(), carol, image.url)).asApi, 404, 'not_found');
    expect(existsSync(blob)).toBe(false);
    // The upload is gone, so its owner cannot send it again either.
    expectError(await sendAttachment(server(), alice, ab, image.id), 404, 'not_found', 'attachmentId');

    const audit = await auditRowsOf(server(), original);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: admin.user.id,
      action: 'message.remove',
      target_type: 'message',
      target_label: 'leaked.png',
    });
    expect(JSON.parse(audit[0]!.detail)).toEqual({ conversationId: ab, senderId: alice.user.id });
    await closeAll(aliceSocket, bobSocket, carolSocket);
  });

  it('keeps the words of a forwarded copy that had its own, and labels the audit entry with the text', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    const [withBob, withCarol] = await befriend(server(), alice, bob, carol);
    const image = await uploadReady(server(), alice, {
      kind: 'image',
      filename: 'holiday.png',
      bytes: await uniquePng(),
    });
    const sent = await sendAttachment(server(), alice, withBob.conversationId, image.id, 'our holiday');
    expect(sent.status, sent.text).toBe(201);
    const forwarded = await api(server(), 'POST', `/messages/${sent.body.id}/forward`, {
      token: alice.token,
      json: { clientMsgId: randomUUID(), conversationIds: [withCarol.conversationId] },
    });
    const copy = forwarded.body.acks[0].id as string;

    expect((await removeMessage(admin, sent.body.id)).status).toBe(204);

    const copyNow = (await history(server(), carol, withCarol.conversationId)).find((m) => m.id === copy);
    // The copy carries the caption as its own text: it stays, without the picture.
    expect(copyNow).toMatchObject({ kind: 'text', text: 'our holiday', attachment: null, recalledAt: null });
    expect(copyNow).not.toHaveProperty('recalledByServerAdmin');
    const original = (await history(server(), bob, withBob.conversationId)).find(
      (m) => m.id === sent.body.id,
    );
    expect(original).toMatchObject({ text: '', attachment: null, recalledByServerAdmin: true });
    expect((await auditRowsOf(server(), sent.body.id))[0]?.target_label).toBe('our holiday');
  });

  it('tells a server admin’s removal from the sender’s own recall', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [{ conversationId }] = await befriend(server(), alice, bob);
    const mine = await say(server(), alice, conversationId, 'oops');
    expect(
      (await api(server(), 'POST', `/messages/${mine.body.id}/recall`, { token: alice.token })).status,
    ).toBe(200);
    const recalled = (await history(server(), bob, conversationId)).find((m) => m.id === mine.body.id);
    expect(recalled).toMatchObject({ recalledBy: alice.user.id });
    expect(recalled).not.toHaveProperty('recalledByServerAdmin');
  });

  it('refuses a message recalled already (recalled), a system notice (forbidden) and an unknown id (not_found)', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [{ conversationId }] = await befriend(server(), alice, bob);
    const group = await makeGroup(server(), alice, { memberIds: [bob.user.id] });
    const sent = await say(server(), bob, conversationId, 'you will regret this');
    expect((await removeMessage(admin, sent.body.id)).status).toBe(204);
    expectError(await removeMessage(admin, sent.body.id), 409, 'recalled');
    const notice = (await history(server(), alice, group.id)).find((m) => m.kind === 'system')!;
    expectError(await removeMessage(admin, notice.id), 403, 'forbidden');
    expectError(await removeMessage(admin, randomUUID()), 404, 'not_found');
    // One removal, one audit entry: the refusals wrote nothing.
    expect(await auditRowsOf(server(), sent.body.id)).toHaveLength(1);
    expect(await auditRowsOf(server(), notice.id)).toEqual([]);
  });

  it('lists every live group, invite-only ones too, with its owner, a page at a time', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    await befriend(server(), alice, bob);
    const tag = randomUUID().slice(0, 8);
    const secret = await makeGroup(server(), alice, {
      name: `Secret ${tag}`,
      joinPolicy: 'invite',
      memberIds: [bob.user.id],
    });
    const open = await makeGroup(server(), bob, { name: `Open ${tag}` });
    await say(server(), alice, secret.id, 'shh');

    const first = await api(server(), 'GET', `/admin/groups?q=${tag}&limit=1`, { token: admin.token });
    expect(first.status, first.text).toBe(200);
    expect(first.body.groups).toHaveLength(1);
    expect(first.body.groups[0]).toMatchObject({ id: open.id, name: `Open ${tag}`, memberCount: 1 });
    expect(first.body.groups[0].owner).toMatchObject({ id: bob.user.id, username: bob.username });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api(
      server(),
      'GET',
      `/admin/groups?q=${tag}&limit=1&cursor=${first.body.nextCursor}`,
      {
        token: admin.token,
      },
    );
    expect(second.body.groups.map((g: { id: string }) => g.id)).toEqual([secret.id]);
    expect(second.body.groups[0]).toMatchObject({ memberCount: 2, owner: { id: alice.user.id } });
    expect(second.body.groups[0].lastMessageAt).toEqual(expect.any(String));
    expect(second.body.nextCursor).toBeNull();

    const everyone = await api(server(), 'GET', '/admin/groups?limit=50', { token: admin.token });
    expect(everyone.body.groups.map((g: { id: string }) => g.id)).not.toContain('lobby');
    expectError(
      await api(server(), 'GET', '/admin/groups?cursor=not-a-cursor', { token: admin.token }),
      400,
      'invalid_request',
      'cursor',
    );
  });

  it('dissolves any group: members hear it named after the admin, the group is gone and audited', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    await befriend(server(), alice, bob);
    const name = `Trouble ${randomUUID().slice(0, 8)}`;
    const group = await makeGroup(server(), alice, { name, memberIds: [bob.user.id] });
    const [aliceSocket, bobSocket] = await openSockets(server(), alice, bob);

    const res = await dissolve(admin, group.id);
    expect(res.status, res.text).toBe(204);

    for (const [socket, person] of [
      [aliceSocket, alice],
      [bobSocket, bob],
    ] as const) {
      const notice = await socket.waitForEvent(
        'message.created',
        (m) => m.conversationId === group.id && m.notice?.type === 'group.dissolved',
      );
      expect(notice.data.notice.actorId).toBe(admin.user.id);
      const removed = await socket.waitForEvent('member.removed', (d) => d.conversationId === group.id);
      expect(removed.data).toEqual({ conversationId: group.id, userId: person.user.id, reason: 'dissolved' });
    }
    expectError(
      await api(server(), 'GET', `/conversations/${group.id}`, { token: bob.token }),
      404,
      'not_found',
    );
    const listed = await api(server(), 'GET', `/admin/groups?q=${encodeURIComponent(name)}`, {
      token: admin.token,
    });
    expect(listed.body.groups).toEqual([]);
    expectError(await dissolve(admin, group.id), 404, 'not_found');

    const audit = await auditRowsOf(server(), group.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: admin.user.id,
      action: 'group.dissolve',
      target_type: 'group',
      target_label: name,
    });
    await closeAll(aliceSocket, bobSocket);
  });

  it('will not dissolve the lobby (a setting turns it off) nor a direct chat', async () => {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [{ conversationId }] = await befriend(server(), alice, bob);
    const lobby = await dissolve(admin, 'lobby');
    expectError(lobby, 403, 'forbidden');
    expect(lobby.body.error.message).toMatch(/settings/);
    expect((await api(server(), 'GET', '/conversations/lobby', { token: alice.token })).status).toBe(200);
    expectError(await dissolve(admin, conversationId), 404, 'not_found');
    expect(await auditRowsOf(server(), 'lobby')).toEqual([]);
  });
});
