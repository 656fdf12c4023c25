import { type TestServer, startTestServer } from '@parley/server/testing';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParleyClient, ParleySession, displayNameOf } from '../src/index.ts';
import { password, signUp } from './support/people.ts';
import { until } from './support/wait.ts';

describe('deleting my account through a session', () => {
  let server: TestServer;
  const sessions: ParleySession[] = [];
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => {
    for (const session of sessions) session.dispose();
    await server?.close();
  });

  async function sessionOf(username: string): Promise<ParleySession> {
    const client = await ParleyClient.login({ baseUrl: server.url, WebSocket }, { username, password });
    const session = new ParleySession({ client, me: client.auth!.user });
    sessions.push(session);
    await until(() => session.getSnapshot().loaded.friends, 5000);
    return session;
  }

  it('refuses a wrong password, then ends my session; my friend sees me as a deleted user', async () => {
    // The server's first account is its admin, and the only admin cannot delete their account.
    await signUp(server, 'root');
    const alice = await signUp(server, 'alice');
    const bob = await signUp(server, 'bob');
    const { request } = await alice.http.friends.request(bob.auth!.user.id);
    await bob.http.friends.accept(request.id);
    const aliceSession = await sessionOf('alice');
    const bobSession = await sessionOf('bob');
    const aliceId = alice.auth!.user.id;
    await until(() => bobSession.getSnapshot().friends.length === 1);
    await until(() => bobSession.getSnapshot().connection === 'open', 5000);
    await until(() => aliceSession.getSnapshot().connection === 'open', 5000);

    await expect(aliceSession.account.deleteAccount('not my password')).rejects.toMatchObject({
      code: 'wrong_password',
    });
    expect(aliceSession.getSnapshot().ended).toBeNull();

    await aliceSession.account.deleteAccount(password);
    expect(aliceSession.getSnapshot().ended).toBe('account_deleted');
    await until(() => bobSession.getSnapshot().friends.length === 0);
    await until(() => bobSession.getSnapshot().users[aliceId]?.deleted === true);
    expect(displayNameOf(bobSession.getSnapshot(), aliceId)).toBe('Deleted user');
  });
});
