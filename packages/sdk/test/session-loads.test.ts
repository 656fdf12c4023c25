import { type TestServer, startTestServer } from '@parley/server/testing';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FetchLike, ParleyClient, ParleySession, conversationOf } from '../src/index.ts';
import { password, signUp } from './support/people.ts';
import { nextEvent, until } from './support/wait.ts';

/**
 * A fetch that can hold the answers to one path: the server has answered (the list as it was
 * then), but the SDK gets the answer only when the test opens the gate — so events can arrive
 * in between, the race a load runs against the socket.
 */
function gatedFetch(path: string) {
  let gate: Promise<void> | null = null;
  let open = () => {};
  const fetch: FetchLike = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    if (gate && new URL(input).pathname.endsWith(path)) {
      const body = await response.text();
      await gate;
      return new Response(body, { status: response.status, headers: response.headers });
    }
    return response;
  };
  return {
    fetch,
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release() {
      gate = null;
      open();
    },
  };
}

describe('a session loading while events arrive', () => {
  let server: TestServer;
  let n = 0;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server?.close());

  /** Alice's session (signed in through the gated fetch) in a group of hers with bob. */
  async function aliceAndBob() {
    n += 1;
    const bob = await signUp(server, `bob${n}`);
    const signUpAlice = await signUp(server, `alice${n}`);
    const gated = gatedFetch('/conversations');
    const alice = await ParleyClient.login(
      { baseUrl: server.url, WebSocket, fetch: gated.fetch },
      { username: `alice${n}`, password },
    );
    void signUpAlice;
    const group = await alice.http.groups.create({ name: 'Class 3', joinPolicy: 'open' });
    await bob.http.groups.join(group.id);
    const session = new ParleySession({ client: alice, me: alice.auth!.user });
    await until(() => session.getSnapshot().loaded.conversations, 5000);
    await session.idle();
    return { session, bob, group, gated };
  }

  it('a message that arrives while the list loads still counts once the older answer lands', async () => {
    const { session, bob, group, gated } = await aliceAndBob();
    gated.hold();
    const loading = session.load('conversations');
    // Let the request reach the server and be answered before bob writes.
    await new Promise((r) => setTimeout(r, 200));
    const arrived = nextEvent(session.connection, 'message.created');
    await bob.http.messages.send(group.id, { clientMsgId: crypto.randomUUID(), text: 'homework?' });
    await arrived;
    expect(conversationOf(session.getSnapshot(), group.id)).toMatchObject({ unreadCount: 1 });
    gated.release();
    await loading;
    // The answer predates the message; replaying it over the answer keeps it counted, once.
    expect(conversationOf(session.getSnapshot(), group.id)).toMatchObject({
      unreadCount: 1,
      lastMessage: expect.objectContaining({ text: 'homework?' }),
    });
    session.dispose();
  });

  it('a member who joins while the list loads is counted after one more load', async () => {
    const { session, group, gated } = await aliceAndBob();
    expect(conversationOf(session.getSnapshot(), group.id)?.memberCount).toBe(2);
    gated.hold();
    const loading = session.load('conversations');
    await new Promise((r) => setTimeout(r, 200));
    const carol = await signUp(server, `carol${n}`);
    const joined = nextEvent(session.connection, 'member.added');
    await carol.http.groups.join(group.id);
    await joined;
    gated.release();
    await loading;
    // A count cannot be replayed safely over an answer that may already have it: a second load
    // (not held back) settles it.
    await session.idle();
    expect(conversationOf(session.getSnapshot(), group.id)?.memberCount).toBe(3);
    session.dispose();
  });
  it('a session starting up asks for the applications to each group I manage once, when the client lets it', async () => {
    n += 1;
    const owner = await signUp(server, `carol${n}`);
    const groups = await Promise.all(
      ['Class 3', 'Class 4'].map((name) => owner.http.groups.create({ name, joinPolicy: 'approval' })),
    );
    const asked: string[] = [];
    const client = new ParleyClient({
      baseUrl: server.url,
      WebSocket,
      token: owner.token!,
      fetch: async (input, init) => {
        if (input.endsWith('/join-requests')) asked.push(new URL(input).pathname);
        return globalThis.fetch(input, init);
      },
    });
    // They wait for the client's word (backgroundLoadsAfter), then go once per group.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const session = new ParleySession({ client, me: owner.auth!.user, backgroundLoadsAfter: () => gate });
    await until(() => session.getSnapshot().loaded.conversations, 5000);
    await new Promise((r) => setTimeout(r, 300));
    expect(asked).toEqual([]);
    release();
    await until(() => session.getSnapshot().loaded.joinRequests, 5000);
    await session.idle();
    expect(asked.sort()).toEqual(groups.map((g) => `/api/v1/groups/${g.id}/join-requests`).sort());
    session.dispose();
  });
});
