import { AuthResult, Me, PublicUser, SessionList, UserPage } from '@parley/protocol';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParleyClient, ParleyError, createHttpClient } from '../src/index.ts';
import { clientFor, password, signUp } from './support/people.ts';

/** Resolves to what `promise` rejected with, failing the test if it resolved. */
async function refusalOf(promise: Promise<unknown>): Promise<ParleyError> {
  const err = await promise.then(
    () => expect.fail('expected a refusal'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ParleyError);
  return err as ParleyError;
}

describe.each(['sqlite', 'postgres'] as const)('the REST client against a server on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  it('registers, signs in on a second device and reads the profile back', async () => {
    const alice = await ParleyClient.register(
      { baseUrl: server.url },
      { username: 'alice', displayName: 'Alice', password, deviceName: 'laptop' },
    );
    expect(AuthResult.parse(alice.auth)).toMatchObject({ user: { username: 'alice', role: 'admin' } });
    expect(alice.token).toBe(alice.auth!.token);

    const aliceOnPhone = await ParleyClient.login(
      { baseUrl: server.url },
      { username: 'alice', password, deviceName: 'phone' },
    );
    expect(aliceOnPhone.token).not.toBe(alice.token);

    const me = Me.parse(await aliceOnPhone.http.me());
    expect(me).toMatchObject({ id: alice.auth!.user.id, displayName: 'Alice' });

    const { sessions } = SessionList.parse(await aliceOnPhone.http.sessions());
    expect(sessions.map((s) => [s.deviceName, s.current]).sort()).toEqual([
      ['laptop', false],
      ['phone', true],
    ]);

    const updated = await alice.http.updateMe({ displayName: 'Alice Liddell', bio: 'down the rabbit hole' });
    expect(updated).toMatchObject({ displayName: 'Alice Liddell', bio: 'down the rabbit hole' });
  });

  it('finds users by search, id and username', async () => {
    const bob = await signUp(server, 'bob');
    const carol = await signUp(server, 'carol');
    const bobId = bob.auth!.user.id;

    const page = UserPage.parse(await carol.http.searchUsers({ q: 'bo', limit: 5 }));
    expect(page.users.map((u) => u.username)).toEqual(['bob']);
    expect(PublicUser.parse(await carol.http.user(bobId)).username).toBe('bob');
    expect((await carol.http.userByUsername('BOB')).id).toBe(bobId);
  });

  it('is given a known-device value at each sign-in, and the same one back when it sends it', async () => {
    const dana = await signUp(server, 'dana');
    const knownDevice = dana.auth!.knownDevice;
    const again = await ParleyClient.login(
      { baseUrl: server.url },
      { username: 'dana', password, knownDevice },
    );
    expect(again.auth!.knownDevice).toBe(knownDevice);
    const elsewhere = await ParleyClient.login({ baseUrl: server.url }, { username: 'dana', password });
    expect(elsewhere.auth!.knownDevice).not.toBe(knownDevice);
  });

  it('answers the public server facts without a token', async () => {
    const anonymous = createHttpClient({ baseUrl: `${server.url}/` });
    expect(await anonymous.serverInfo()).toMatchObject({ name: 'parley', registration: 'open' });
    expect(await anonymous.health()).toEqual({ status: 'ok', node: expect.any(String) });
  });
});

describe('the REST client', () => {
  let server: TestServer;
  let alice: ParleyClient;
  beforeAll(async () => {
    server = await startTestServer();
    alice = await signUp(server, 'alice');
  });
  afterAll(() => server?.close());

  it('turns a taken username into a ParleyError with code username_taken and status 409', async () => {
    const err = await refusalOf(signUp(server, 'alice'));
    expect(err).toMatchObject({ code: 'username_taken', status: 409 });
    expect(err.message).not.toBe('');
  });

  it('names the offending field of an invalid request', async () => {
    const err = await refusalOf(clientFor(server).register({ username: 'al', displayName: 'Al', password }));
    expect(err).toMatchObject({ code: 'invalid_request', status: 400, field: 'username' });
  });

  it('refuses a wrong password, a missing token and a forbidden action with their codes', async () => {
    const wrong = await refusalOf(
      clientFor(server).login({ username: 'alice', password: 'not the password' }),
    );
    expect(wrong).toMatchObject({ code: 'invalid_credentials', status: 401 });

    expect(await refusalOf(clientFor(server).http.me())).toMatchObject({
      code: 'unauthenticated',
      status: 401,
    });

    const dave = await signUp(server, 'dave');
    expect(await refusalOf(dave.http.createInvite())).toMatchObject({ code: 'forbidden', status: 403 });
    expect(await refusalOf(dave.http.user('no-such-user'))).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('lets an admin create an invite', async () => {
    const invite = await alice.http.createInvite({ expiresInHours: 1 });
    expect(invite.code).not.toBe('');
    expect(Date.parse(invite.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('signs out with logout, after which the token no longer works', async () => {
    const erin = await signUp(server, 'erin');
    const http = createHttpClient({ baseUrl: server.url, token: erin.token! });
    await erin.logout();
    expect(erin.token).toBeUndefined();
    expect(await refusalOf(http.me())).toMatchObject({ code: 'unauthenticated' });
  });

  it('reports an unreachable server as a network ParleyError, not a bare TypeError', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const http = createHttpClient({ baseUrl: 'http://127.0.0.1:1' });
    const err = await refusalOf(http.serverInfo());
    expect(err).toMatchObject({ code: 'network', status: 0 });
    expect(err.cause).toBeInstanceOf(TypeError);
  });

  it('reports an answer that is not Parley JSON as bad_response with its status', async () => {
    const http = createHttpClient({
      baseUrl: server.url,
      fetch: async () => new Response('<h1>502 Bad Gateway</h1>', { status: 502 }),
    });
    expect(await refusalOf(http.serverInfo())).toMatchObject({ code: 'bad_response', status: 502 });
  });

  it('carries retryAfter on a rate-limited refusal', async () => {
    const strict = await startTestServer('sqlite', { requestsPerMinute: 10 });
    try {
      const frank = await signUp(strict, 'frank');
      let err: ParleyError | undefined;
      for (let i = 0; i < 20 && !err; i++) {
        err = await frank.http.me().then(
          () => undefined,
          (e: ParleyError) => e,
        );
      }
      expect(err).toMatchObject({ code: 'rate_limited', status: 429 });
      expect(err!.retryAfter).toBeGreaterThan(0);
    } finally {
      await strict.close();
    }
  });
});
