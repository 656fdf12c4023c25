import { randomUUID } from 'node:crypto';
import type { ServerCounts } from '@parley/protocol';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, createTestDatabase, startTestServer } from '../../src/testing.ts';
import {
  type Person,
  befriend,
  defaultPassword,
  people,
  register,
  uniqueUsername,
} from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSocket } from '../support/socket.ts';
import {
  createUpload,
  deleteUpload,
  filesUnder,
  mediaDirs,
  uniquePng,
  uploadReady,
} from '../support/uploads.ts';

// The admin console's server part (issue 16): run-time settings, counts, invite codes and the
// audit log, through the real API. Several nodes: admin-settings-cluster.test.ts.

const MB = 1024 * 1024;

const settingsOf = (server: TestServer, who: Person) =>
  api(server, 'GET', '/admin/settings', { token: who.token });
const changeSettings = (server: TestServer, who: Person, json: unknown) =>
  api(server, 'PATCH', '/admin/settings', { token: who.token, json });
const serverInfo = async (server: TestServer) => (await api(server, 'GET', '/server')).body;
const auditOf = async (server: TestServer, who: Person, query = '') => {
  const res = await api(server, 'GET', `/admin/audit${query}`, { token: who.token });
  expect(res.status, res.text).toBe(200);
  return res.body as { entries: AuditEntry[]; nextCursor: string | null };
};
const say = (server: TestServer, who: Person, conversationId: string, text: string) =>
  api(server, 'POST', `/conversations/${conversationId}/messages`, {
    token: who.token,
    json: { clientMsgId: randomUUID(), text },
  });
const tryRegister = (server: TestServer, name: string, inviteCode?: string) =>
  api(server, 'POST', '/auth/register', {
    json: {
      username: uniqueUsername(name),
      displayName: name,
      password: defaultPassword,
      ...(inviteCode !== undefined && { inviteCode }),
    },
  });

interface AuditEntry {
  id: string;
  action: string;
  actor: { id: string; username: string } | null;
  targetType: string;
  targetId: string | null;
  detail: Record<string, unknown>;
}

describe.each(dialects)('run-time settings on %s', (dialect) => {
  const server = useServer(dialect);
  let admin: Person;
  let initial: Record<string, unknown>;
  beforeAll(async () => {
    admin = await register(server(), 'admin');
    initial = (await settingsOf(server(), admin)).body;
  });
  // Each test starts from the environment's values again.
  afterEach(async () => {
    expect((await changeSettings(server(), admin, initial)).status).toBe(200);
  });

  it('start from the environment', () => {
    expect(initial).toEqual({
      registration: 'open',
      lobby: true,
      maxGroupSize: 2000,
      imageMaxMb: 20,
      voiceMaxMb: 5,
      fileMaxMb: 200,
      uploadQuotaMb: 2048,
    });
  });

  it('refuse every server route to a member (403) and to nobody signed in (401)', async () => {
    const [bob] = await people(server(), 'bob');
    const calls: [string, string, unknown?][] = [
      ['GET', '/admin/settings'],
      ['PATCH', '/admin/settings', { registration: 'closed' }],
      ['GET', '/admin/counts'],
      ['GET', '/admin/invites'],
      ['DELETE', `/admin/invites/${randomUUID()}`],
      ['GET', '/admin/audit'],
    ];
    for (const [method, url, json] of calls) {
      expectError(await api(server(), method, url, { token: bob.token, json }), 403, 'forbidden');
      expectError(await api(server(), method, url, { json }), 401, 'unauthenticated');
    }
    expect((await serverInfo(server())).registration).toBe('open');
  });

  it('close registration at once: the next one is refused, GET /server says so, and the change is audited once', async () => {
    const res = await changeSettings(server(), admin, { registration: 'closed', lobby: true });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ ...initial, registration: 'closed' });
    expectError(await tryRegister(server(), 'bob'), 403, 'registration_closed');
    expect((await serverInfo(server())).registration).toBe('closed');
    expect((await settingsOf(server(), admin)).body.registration).toBe('closed');

    const [entry] = (await auditOf(server(), admin, '?action=settings.update&limit=1')).entries;
    expect(entry).toMatchObject({
      action: 'settings.update',
      targetType: 'settings',
      actor: { id: admin.user.id, username: admin.username },
      // Only what changed: the lobby was on already.
      detail: { 'registration.before': 'open', 'registration.after': 'closed' },
    });
    expect(Object.keys(entry!.detail)).toHaveLength(2);

    // Asking for what is in force already changes nothing and writes no audit line.
    expect((await changeSettings(server(), admin, { registration: 'closed' })).status).toBe(200);
    const [latest] = (await auditOf(server(), admin, '?action=settings.update&limit=1')).entries;
    expect(latest!.id).toBe(entry!.id);

    expect((await changeSettings(server(), admin, { registration: 'open' })).status).toBe(200);
    expect((await tryRegister(server(), 'carol')).status).toBe(201);
  });

  it('refuse an upload over a lowered size limit, and take one the limits at start would have refused', async () => {
    const [bob] = await people(server(), 'bob');
    const lowered = await changeSettings(server(), admin, { imageMaxMb: 1, voiceMaxMb: 1, fileMaxMb: 1 });
    expect(lowered.status, lowered.text).toBe(200);
    for (const kind of ['image', 'voice', 'file']) {
      const res = await createUpload(server(), bob, { kind, filename: `big.${kind}`, length: 1.5 * MB });
      expectError(res, 413, 'too_large', 'Upload-Length');
    }
    // Under the limit a real image still goes through.
    await uploadReady(server(), bob, { kind: 'image', filename: 'small.png', bytes: await uniquePng() });

    // Past the largest size at start (200 MB): tus itself is asked the limit at each request.
    expect((await changeSettings(server(), admin, { fileMaxMb: 300 })).status).toBe(200);
    const big = await createUpload(server(), bob, { kind: 'file', filename: 'film.mkv', length: 250 * MB });
    expect(big.status, big.text).toBe(201);
    expect((await deleteUpload(server(), bob, big.headers.get('location')!)).status).toBe(204);
  });

  it('refuse an upload past a lowered quota, and 0 lifts the quota', async () => {
    const [bob] = await people(server(), 'bob');
    expect((await changeSettings(server(), admin, { uploadQuotaMb: 1 })).status).toBe(200);
    const upload = () =>
      createUpload(server(), bob, { kind: 'file', filename: 'notes.pdf', length: 600_000 });
    const first = await upload();
    expect(first.status, first.text).toBe(201);
    expectError(await upload(), 413, 'quota_exceeded');
    expect((await changeSettings(server(), admin, { uploadQuotaMb: 0 })).status).toBe(200);
    const third = await upload();
    expect(third.status, third.text).toBe(201);
    for (const res of [first, third]) await deleteUpload(server(), bob, res.headers.get('location')!);
  });

  it('refuse growing a group past a lowered maximum, and tell clients the maximum', async () => {
    const [alice, bob, carol, dave] = await people(server(), 'alice', 'bob', 'carol', 'dave');
    const club = await makeGroup(server(), alice, { name: 'Chess club', joinPolicy: 'open' });
    expect((await changeSettings(server(), admin, { maxGroupSize: 2 })).status).toBe(200);
    expect((await serverInfo(server())).maxGroupSize).toBe(2);
    const join = (who: Person) =>
      api(server(), 'POST', `/groups/${club.id}/join`, { token: who.token, json: {} });
    expect((await join(bob)).status).toBe(200);
    expectError(await join(carol), 409, 'group_full');
    await befriend(server(), alice, carol, dave);
    expectError(
      await api(server(), 'POST', '/groups', {
        token: alice.token,
        json: { name: 'Trio', memberIds: [carol.user.id, dave.user.id] },
      }),
      409,
      'group_full',
    );
    expect((await changeSettings(server(), admin, { maxGroupSize: 3 })).status).toBe(200);
    expect((await join(carol)).status).toBe(200);
  });

  it('switch the lobby off (no newcomers; its members keep it) and on again (newcomers join)', async () => {
    const carol = await register(server(), 'carol');
    const lobbyFor = (who: Person) => api(server(), 'GET', '/conversations/lobby', { token: who.token });
    expect((await lobbyFor(carol)).status).toBe(200);

    expect((await changeSettings(server(), admin, { lobby: false })).status).toBe(200);
    expect((await serverInfo(server())).lobbyId).toBeNull();
    const dave = await register(server(), 'dave');
    expect((await api(server(), 'GET', '/conversations', { token: dave.token })).body.conversations).toEqual(
      [],
    );
    expectError(await lobbyFor(dave), 404, 'not_found');
    const joinLobby = (who: Person) =>
      api(server(), 'POST', '/groups/lobby/join', { token: who.token, json: {} });
    expectError(await joinLobby(dave), 404, 'not_found');
    // Nothing is lost: its members still have it, history and all, and may still talk there.
    expect((await lobbyFor(carol)).status).toBe(200);
    expect((await say(server(), carol, 'lobby', 'anyone still here?')).status).toBe(201);

    expect((await changeSettings(server(), admin, { lobby: true })).status).toBe(200);
    expect((await serverInfo(server())).lobbyId).toBe('lobby');
    const erin = await register(server(), 'erin');
    expect((await lobbyFor(erin)).status).toBe(200);
    // Whoever registered while it was off may walk in.
    expect((await joinLobby(dave)).status).toBe(200);
  });

  it('audit changes made at the same moment as a chain: each one’s before is the previous one’s after', async () => {
    const sizes = [21, 22, 23, 24, 25];
    const answers = await Promise.all(
      sizes.map((maxGroupSize) => changeSettings(server(), admin, { maxGroupSize })),
    );
    for (const res of answers) expect(res.status, res.text).toBe(200);
    const entries = (await auditOf(server(), admin, `?action=settings.update&limit=${sizes.length}`)).entries;
    const steps = entries
      .reverse()
      .map((e) => [e.detail['maxGroupSize.before'], e.detail['maxGroupSize.after']]);
    expect(steps[0]![0]).toBe(initial.maxGroupSize);
    for (let i = 1; i < steps.length; i++) expect(steps[i]![0]).toBe(steps[i - 1]![1]);
    expect((await settingsOf(server(), admin)).body.maxGroupSize).toBe(steps.at(-1)![1]);
  });

  it('refuse invalid values with 400 naming the field, and change nothing', async () => {
    const auditBefore = (await auditOf(server(), admin, '?action=settings.update')).entries;
    const cases: [unknown, string | undefined][] = [
      [{}, undefined],
      [{ registration: 'maybe' }, 'registration'],
      [{ lobby: 'yes' }, 'lobby'],
      [{ maxGroupSize: 1 }, 'maxGroupSize'],
      [{ maxGroupSize: 2.5 }, 'maxGroupSize'],
      [{ imageMaxMb: 0 }, 'imageMaxMb'],
      [{ voiceMaxMb: 2000 }, 'voiceMaxMb'],
      [{ fileMaxMb: 4096 }, 'fileMaxMb'],
      [{ uploadQuotaMb: -1 }, 'uploadQuotaMb'],
      [{ registration: 'closed', recallWindowSeconds: 5 }, 'recallWindowSeconds'],
      [[], undefined],
    ];
    for (const [body, field] of cases) {
      expectError(await changeSettings(server(), admin, body), 400, 'invalid_request', field);
    }
    expect((await settingsOf(server(), admin)).body).toEqual(initial);
    expect((await auditOf(server(), admin, '?action=settings.update')).entries).toEqual(auditBefore);
  });
});

describe.each(dialects)('a server started without a lobby on %s', (dialect) => {
  const server = useServer(dialect, { lobby: false });

  it('makes the lobby when an admin switches it on, and newcomers join it', async () => {
    const admin = await register(server(), 'admin');
    expect((await changeSettings(server(), admin, { lobby: true })).status).toBe(200);
    expect((await serverInfo(server())).lobbyId).toBe('lobby');
    const bob = await register(server(), 'bob');
    const lobby = await api(server(), 'GET', '/conversations/lobby', { token: bob.token });
    expect(lobby.status, lobby.text).toBe(200);
    expect(lobby.body).toMatchObject({ kind: 'lobby', memberCount: 1 });
  });
});

describe.each(dialects)('settings an admin changed, on %s', (dialect) => {
  it('survive a restart on the same data and win over the environment; the rest still come from it', async () => {
    const database = dialect === 'postgres' ? await createTestDatabase() : null;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'parley-settings-'));
    const sameData = database ? { databaseUrl: database.url } : { dataDir };
    try {
      const first = await startTestServer(dialect, { ...sameData, registration: 'open' });
      let admin!: Person;
      try {
        admin = await register(first, 'admin');
        const res = await changeSettings(first, admin, { registration: 'invite', maxGroupSize: 50 });
        expect(res.status, res.text).toBe(200);
      } finally {
        await first.close();
      }
      const again = await startTestServer(dialect, { ...sameData, registration: 'open', imageMaxMb: 7 });
      try {
        expect(await serverInfo(again)).toMatchObject({ registration: 'invite', maxGroupSize: 50 });
        expect((await settingsOf(again, admin)).body).toMatchObject({
          registration: 'invite',
          maxGroupSize: 50,
          imageMaxMb: 7,
        });
        expectError(await tryRegister(again, 'bob'), 403, 'invite_invalid', 'inviteCode');
      } finally {
        await again.close();
      }
    } finally {
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.each(dialects)('the console’s counts, invites and audit log on %s', (dialect) => {
  const server = useServer(dialect);
  let admin: Person;
  beforeAll(async () => {
    admin = await register(server(), 'admin');
  });
  const counts = async () => {
    const res = await api(server(), 'GET', '/admin/counts', { token: admin.token });
    expect(res.status, res.text).toBe(200);
    return res.body as ServerCounts;
  };
  /** Bytes of every stored file on disk (blobs/ab/cd/<sha>), the partial uploads aside. */
  const bytesOnDisk = () =>
    filesUnder(mediaDirs(server()).blobs)
      .filter((file) => /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(file))
      .reduce((sum, file) => sum + statSync(path.join(mediaDirs(server()).blobs, file)).size, 0);

  it('count users, activity, people online, messages, groups, storage and open reports', async () => {
    const before = await counts();
    expect(before).toMatchObject({ users: 1, disabledUsers: 0, groups: 0, openReports: 0, onlineNow: 0 });
    const [bob, carol, dave] = await people(server(), 'bob', 'carol', 'dave');
    const [{ conversationId: chat }] = await befriend(server(), bob, carol);
    const club = await makeGroup(server(), bob, { name: 'Chess club' });
    // Dave was here today too, though an admin disables him (and ends his sessions) below.
    await closeAll(await openSocket(server(), dave.token));
    const beforeMessages = await counts();
    const hello = await say(server(), bob, chat, 'hello');
    expect((await say(server(), carol, chat, 'hi bob')).status).toBe(201);
    await uploadReady(server(), bob, { kind: 'image', filename: 'beach.png', bytes: await uniquePng() });
    expect(
      (await api(server(), 'POST', `/admin/users/${dave.user.id}/disable`, { token: admin.token })).status,
    ).toBe(200);
    const reported = await api(server(), 'POST', `/messages/${hello.body.id}/report`, {
      token: carol.token,
      json: { reason: 'spam' },
    });
    expect(reported.status, reported.text).toBe(204);
    const socket = await openSocket(server(), carol.token);
    try {
      // Dave's socket closed above: once he is offline, his last_seen_at is written.
      await expect
        .poll(async () => {
          const { onlineNow, activeToday, users } = await counts();
          return { onlineNow, unseen: users - activeToday };
        })
        .toEqual({ onlineNow: 1, unseen: 0 });
      const after = await counts();
      expect(after.users - before.users).toBe(3);
      expect(after.disabledUsers).toBe(1);
      // Everyone was seen today: a session used, or a socket closed.
      expect(after.activeToday).toBe(after.users);
      expect(after.onlineNow).toBe(1);
      expect(after.messages - beforeMessages.messages).toBe(2);
      expect(after.messagesToday - beforeMessages.messagesToday).toBe(2);
      expect(after.messagesToday).toBe(after.messages);
      expect(after.groups - before.groups).toBe(1);
      expect(after.storageBytes).toBeGreaterThan(before.storageBytes);
      expect(after.storageBytes).toBe(bytesOnDisk());
      expect(after.openReports).toBe(1);
    } finally {
      await closeAll(socket);
    }
    expect((await api(server(), 'DELETE', `/groups/${club.id}`, { token: bob.token })).status).toBe(204);
    await expect.poll(async () => (await counts()).onlineNow).toBe(0);
    expect((await counts()).groups).toBe(before.groups);
  });

  it('list invite codes, usable ones first, and revoke an unused one so it registers nobody', async () => {
    const invite = async () => {
      const res = await api(server(), 'POST', '/invites', {
        token: admin.token,
        json: { expiresInHours: 24 },
      });
      expect(res.status, res.text).toBe(201);
      return res.body.code as string;
    };
    const [first, second, third] = [await invite(), await invite(), await invite()];
    expect((await changeSettings(server(), admin, { registration: 'invite' })).status).toBe(200);
    const bob = await register(server(), 'bob', { inviteCode: first });

    const list = await api(server(), 'GET', '/admin/invites', { token: admin.token });
    expect(list.status, list.text).toBe(200);
    const invites = list.body.invites as {
      id: string;
      usedBy: { id: string } | null;
      createdBy: { id: string };
    }[];
    expect(invites).toHaveLength(3);
    // The two usable ones, newest first, then the used one.
    expect(invites.map((i) => i.usedBy?.id ?? null)).toEqual([null, null, bob.user.id]);
    expect(invites.every((i) => i.createdBy.id === admin.user.id)).toBe(true);
    const [newest, middle, used] = invites as [(typeof invites)[0], (typeof invites)[0], (typeof invites)[0]];

    const revoke = (id: string) => api(server(), 'DELETE', `/admin/invites/${id}`, { token: admin.token });
    expectError(await revoke(used.id), 409, 'already_handled');
    expect((await revoke(middle.id)).status).toBe(204);
    expectError(await revoke(middle.id), 404, 'not_found');
    expectError(await revoke(randomUUID()), 404, 'not_found');
    expectError(await revoke('not an id!'), 400, 'invalid_request');
    // The middle one was the second made.
    expectError(await tryRegister(server(), 'carol', second), 403, 'invite_invalid', 'inviteCode');
    expect((await tryRegister(server(), 'carol', third)).status).toBe(201);
    const left = (await api(server(), 'GET', '/admin/invites', { token: admin.token })).body.invites;
    // Both used now (carol took the newest), the newer first.
    expect(left.map((i: { id: string }) => i.id)).toEqual([newest.id, used.id]);

    const audit = await auditOf(server(), admin, '?limit=50');
    const about = (action: string) => audit.entries.filter((e) => e.action === action);
    expect(about('invite.create')).toHaveLength(3);
    expect(about('invite.revoke')).toEqual([
      expect.objectContaining({
        targetType: 'invite',
        targetId: middle.id,
        actor: expect.objectContaining({ id: admin.user.id }),
      }),
    ]);
    expect((await changeSettings(server(), admin, { registration: 'open' })).status).toBe(200);
  });

  it('page through the audit log newest first, of one action or all', async () => {
    for (const maxGroupSize of [10, 11, 12]) {
      expect((await changeSettings(server(), admin, { maxGroupSize })).status).toBe(200);
    }
    const all = (await auditOf(server(), admin, '?limit=50')).entries;
    expect(all.length).toBeGreaterThan(5);
    expect(all.map((e) => e.id)).toEqual(
      all
        .map((e) => e.id)
        .sort()
        .reverse(),
    );

    const seen: AuditEntry[] = [];
    let cursor: string | null = null;
    do {
      const page: { entries: AuditEntry[]; nextCursor: string | null } = await auditOf(
        server(),
        admin,
        `?action=settings.update&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((e) => e.id)).toEqual(all.filter((e) => e.action === 'settings.update').map((e) => e.id));
    expect(seen.slice(0, 3).map((e) => e.detail)).toEqual([
      { 'maxGroupSize.before': 11, 'maxGroupSize.after': 12 },
      { 'maxGroupSize.before': 10, 'maxGroupSize.after': 11 },
      { 'maxGroupSize.before': 2000, 'maxGroupSize.after': 10 },
    ]);

    expectError(
      await api(server(), 'GET', '/admin/audit?action=user.explode', { token: admin.token }),
      400,
      'invalid_request',
      'action',
    );
    expectError(
      await api(server(), 'GET', '/admin/audit?cursor=%20nope', { token: admin.token }),
      400,
      'invalid_request',
      'cursor',
    );
    expectError(
      await api(server(), 'GET', '/admin/audit?limit=0', { token: admin.token }),
      400,
      'invalid_request',
      'limit',
    );
  });
});
