import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { PushPayload } from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vapidKeysFile } from '../../src/push/vapid-keys.ts';
import { startTestServer } from '../../src/testing.ts';
import { type Person, befriend, logIn, people } from '../support/factories.ts';
import { makeGroup } from '../support/groups.ts';
import { api, expectError } from '../support/http.ts';
import { checkVapid } from '../support/check-vapid.ts';
import { PushServiceStandIn, TestDevice } from '../support/push-service.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSocket } from '../support/socket.ts';

/**
 * Web Push end to end, without the internet: the server's pushes go to a push service stand-in
 * on loopback, which checks their VAPID signature; each test device decrypts what reached it
 * with keys only it holds (RFC 8291). "No push" is asserted after the server's push queue has
 * settled (every push of the sends before it handed over or given up), never after a delay.
 */
describe.each(dialects)('push notifications on %s', (dialect) => {
  const server = useServer(dialect, { pushHttpLoopback: true });
  let service: PushServiceStandIn;
  beforeAll(async () => {
    service = await PushServiceStandIn.start();
  });
  afterAll(() => service.close());

  const settled = () => server().parley.services.push.settled();
  const serverKey = async () => (await api(server(), 'GET', '/server')).body.vapidPublicKey as string;

  async function subscribe(who: Person, name = who.username): Promise<TestDevice> {
    const device = new TestDevice(service, name);
    const res = await api(server(), 'PUT', '/me/push-subscription', {
      token: who.token,
      json: device.subscription,
    });
    expect(res.status, res.text).toBe(204);
    return device;
  }

  async function send(who: Person, conversationId: string, text: string) {
    const res = await api(server(), 'POST', `/conversations/${conversationId}/messages`, {
      token: who.token,
      json: { clientMsgId: randomUUID(), text },
    });
    expect(res.status, res.text).toBe(201);
    return res.body as { seq: number };
  }

  async function friendsWithChat() {
    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [accepted] = await befriend(server(), alice, bob);
    return { alice, bob, chat: accepted.conversationId as string };
  }

  it('a direct message to someone with no app open reaches their device, signed and readable only there', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const phone = await subscribe(bob);
    await send(alice, chat, 'are you coming tonight?');

    const push = await service.waitFor(phone);
    checkVapid(push, phone.endpoint, await serverKey());
    expect(push.headers.ttl).toBe('86400');
    expect(push.headers.urgency).toBe('high');
    expect(push.headers.topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    const payload = phone.open(push);
    expect(PushPayload.parse(payload)).toEqual(payload);
    expect(payload).toEqual({
      conversationId: chat,
      title: 'Alice',
      body: 'are you coming tonight?',
      tag: chat,
      mention: false,
    });
    // Another device's keys cannot open it.
    expect(() => new TestDevice(service, 'thief').open(push)).toThrow();
  });

  it('a group message reaches the devices of those it @mentions, and no one else', async () => {
    const [alice, bob, carol] = await people(server(), 'alice', 'bob', 'carol');
    await befriend(server(), alice, bob, carol);
    const group = await makeGroup(server(), alice, {
      name: 'Book club',
      memberIds: [bob.user.id, carol.user.id],
    });
    const [bobPhone, carolPhone] = [await subscribe(bob), await subscribe(carol)];

    await send(alice, group.id, 'the next book is ready');
    await send(alice, group.id, `@${bob.username} can you bring it?`);
    const push = await service.waitFor(bobPhone);
    await settled();

    expect(bobPhone.open(push)).toEqual({
      conversationId: group.id,
      title: 'Book club',
      body: `Alice: @${bob.username} can you bring it?`,
      tag: group.id,
      mention: true,
    });
    expect(service.for(bobPhone)).toHaveLength(1);
    expect(service.for(carolPhone)).toEqual([]);
  });

  it('a conversation I muted sends me no push', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const phone = await subscribe(bob);
    expect((await api(server(), 'PUT', `/conversations/${chat}/mute`, { token: bob.token })).status).toBe(
      200,
    );
    await send(alice, chat, 'psst');
    await settled();
    expect(service.for(phone)).toEqual([]);

    expect((await api(server(), 'DELETE', `/conversations/${chat}/mute`, { token: bob.token })).status).toBe(
      200,
    );
    await send(alice, chat, 'psst again');
    expect(phone.open(await service.waitFor(phone))).toMatchObject({ body: 'psst again' });
  });

  it('while I have the app open somewhere there is no push; once I close it, pushes come again', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const phone = await subscribe(bob);
    const [aliceSocket, bobLaptop] = [
      await openSocket(server(), alice.token),
      await openSocket(server(), bob.token),
    ];
    await send(alice, chat, 'you there?');
    await bobLaptop.waitForEvent('message.created', (d) => d.text === 'you there?');
    await settled();
    expect(service.for(phone)).toEqual([]);

    await bobLaptop.close();
    await aliceSocket.waitForEvent('presence.changed', (d) => d.userId === bob.user.id && d.online === false);
    await send(alice, chat, 'guess not');
    expect(phone.open(await service.waitFor(phone))).toMatchObject({ body: 'guess not' });
    await closeAll(aliceSocket);
  });

  it('a message to someone whose app is open costs no push lookup at all', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const phone = await subscribe(bob);
    const bobLaptop = await openSocket(server(), bob.token);
    // Every SQL statement the server runs from here, as text.
    const executor = server().parley.services.store.db.getExecutor();
    const original = executor.executeQuery.bind(executor);
    const statements: string[] = [];
    executor.executeQuery = ((query, ...rest) => {
      statements.push(query.sql);
      return original(query, ...rest);
    }) as typeof executor.executeQuery;
    try {
      await send(alice, chat, 'quick question');
      await bobLaptop.waitForEvent('message.created', (d) => d.text === 'quick question');
      await settled();
    } finally {
      executor.executeQuery = original;
    }
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.filter((text) => text.includes('push_subscriptions'))).toEqual([]);
    expect(service.for(phone)).toEqual([]);
    await closeAll(bobLaptop);
  });

  it('never pushes my own message to my devices', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const aliceTablet = await subscribe(await logIn(server(), alice, 'Tablet'), 'alice-tablet');
    const alicePhone = await subscribe(alice);
    const bobPhone = await subscribe(bob);
    await send(alice, chat, 'from my phone');
    await service.waitFor(bobPhone);
    await settled();
    expect(service.for(alicePhone)).toEqual([]);
    expect(service.for(aliceTablet)).toEqual([]);
  });

  it('with previews off, a push says who wrote but not what', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const phone = await subscribe(bob);
    const changed = await api(server(), 'PATCH', '/me/settings', {
      token: bob.token,
      json: { pushPreview: false },
    });
    expect(changed.body).toMatchObject({ pushPreview: false });
    await send(alice, chat, 'my PIN is 1234');
    expect(phone.open(await service.waitFor(phone))).toEqual({
      conversationId: chat,
      title: 'Alice',
      tag: chat,
      mention: false,
    });
  });

  it('a subscription the push service says has ended (410) is forgotten', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const phone = await subscribe(bob);
    const mine = () => api(server(), 'GET', '/me/push-subscription', { token: bob.token });
    expect((await mine()).body).toEqual({ endpoint: phone.endpoint });

    service.answer(phone.endpoint, 410);
    await send(alice, chat, 'one');
    await service.waitFor(phone);
    await settled();
    expect((await mine()).body).toEqual({ endpoint: null });
    await send(alice, chat, 'two');
    await settled();
    expect(service.for(phone)).toHaveLength(1);
  });

  it('a device signed out, or signed out from another device, gets no more pushes', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const phoneSession = await logIn(server(), bob, 'Phone');
    const tabletSession = await logIn(server(), bob, 'Tablet');
    const laptop = await subscribe(bob);
    const phone = await subscribe(phoneSession, 'bob-phone');
    const tablet = await subscribe(tabletSession, 'bob-tablet');

    expect((await api(server(), 'POST', '/auth/logout', { token: phoneSession.token })).status).toBe(204);
    const revoked = await api(server(), 'DELETE', `/me/sessions/${tabletSession.session.id}`, {
      token: bob.token,
    });
    expect(revoked.status).toBe(204);
    await send(alice, chat, 'still there?');
    await service.waitFor(laptop);
    await settled();
    expect(service.for(phone)).toEqual([]);
    expect(service.for(tablet)).toEqual([]);
  });

  it('turning pushes off on a device stops them there', async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const phone = await subscribe(bob);
    expect((await api(server(), 'DELETE', '/me/push-subscription', { token: bob.token })).status).toBe(204);
    expect((await api(server(), 'GET', '/me/push-subscription', { token: bob.token })).body).toEqual({
      endpoint: null,
    });
    await send(alice, chat, 'hello?');
    await settled();
    expect(service.for(phone)).toEqual([]);
  });

  it("a browser signed in as someone else takes its subscription along: the old account's messages stop", async () => {
    const { alice, bob, chat } = await friendsWithChat();
    const [carol] = await people(server(), 'carol');
    const browser = await subscribe(bob);
    // Bob's site data was cleared without signing out; Carol signs in on the same browser.
    const res = await api(server(), 'PUT', '/me/push-subscription', {
      token: carol.token,
      json: browser.subscription,
    });
    expect(res.status).toBe(204);
    await send(alice, chat, 'for bob only');
    await settled();
    expect(service.for(browser)).toEqual([]);
  });

  it('refuses a subscription that is not one, naming the field', async () => {
    const [bob] = await people(server(), 'bob');
    const good = new TestDevice(service, 'good').subscription;
    const put = (json: unknown) => api(server(), 'PUT', '/me/push-subscription', { token: bob.token, json });
    const cases: [unknown, string][] = [
      [{ endpoint: good.endpoint }, 'keys'],
      [{ ...good, endpoint: 'not a url' }, 'endpoint'],
      [{ ...good, endpoint: 'ftp://push.example.com/x' }, 'endpoint'],
      [{ ...good, endpoint: 'http://push.example.com/x' }, 'endpoint'],
      [{ ...good, endpoint: 'https://10.0.0.7/push' }, 'endpoint'],
      [{ ...good, endpoint: 'https://[fd00::1]/push' }, 'endpoint'],
      [{ ...good, endpoint: 'https://printer.local/push' }, 'endpoint'],
      [{ ...good, endpoint: `https://push.example.com/${'x'.repeat(2048)}` }, 'endpoint'],
      [{ ...good, keys: { ...good.keys, p256dh: 'abc' } }, 'keys.p256dh'],
      [{ ...good, keys: { ...good.keys, p256dh: `B${'A'.repeat(86)}` } }, 'keys.p256dh'],
      [{ ...good, keys: { ...good.keys, auth: 'short' } }, 'keys.auth'],
      [{ ...good, extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) expectError(await put(body), 400, 'invalid_request', field);
    expectError(await api(server(), 'PUT', '/me/push-subscription', { json: good }), 401, 'unauthenticated');
  });

  it('keeps one key pair: made at the first start, the same on every later start and every node', async () => {
    const first = server().parley.services.config;
    const again = await startTestServer(
      dialect,
      dialect === 'sqlite' ? { dataDir: first.dataDir } : { databaseUrl: first.databaseUrl },
    );
    try {
      const theirs = (await api(again, 'GET', '/server')).body.vapidPublicKey;
      expect(theirs).toBe(await serverKey());
      expect(Buffer.from(theirs, 'base64url')).toHaveLength(65);
      if (dialect === 'sqlite') {
        expect(statSync(path.join(first.dataDir, vapidKeysFile)).mode & 0o777).toBe(0o600);
      }
    } finally {
      await again.close();
    }
  });
});
