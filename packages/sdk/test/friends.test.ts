import { Friend, FriendRequest, FriendRequestList } from '@parley/protocol';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/people.ts';
import { nextEvent } from './support/wait.ts';

describe.each(['sqlite', 'postgres'] as const)('friends through the SDK on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  it('sends a request bob hears live, and his accept makes them friends with a direct conversation', async () => {
    const alice = await signUp(server, 'alice');
    const bob = await signUp(server, 'bob');
    const bobLive = bob.connect();
    await bobLive.opened();
    const heard = nextEvent(bobLive, 'friend.requested', (r) => r.from.id === alice.auth!.user.id);
    const sent = await alice.http.friends.request(bob.auth!.user.id, "I'm Alice from class 3");
    expect(sent.status).toBe('pending');
    expect(FriendRequest.parse(await heard).note).toBe("I'm Alice from class 3");

    const inbox = FriendRequestList.parse(await bob.http.friends.requests());
    expect(inbox.pendingCount).toBe(1);
    const { friend } = await bob.http.friends.accept(inbox.incoming[0]!.id);
    expect(Friend.parse(friend).user.id).toBe(alice.auth!.user.id);
    const direct = await alice.http.conversations.get(friend.conversationId);
    expect(direct.peer?.id).toBe(bob.auth!.user.id);
    expect((await alice.http.friends.list()).friends.map((f) => f.user.id)).toEqual([bob.auth!.user.id]);
    bobLive.close();
  });

  it('keeps a remark private and blocks through the same client', async () => {
    const carol = await signUp(server, 'carol');
    const dave = await signUp(server, 'dave');
    const { request } = await carol.http.friends.request(dave.auth!.user.id);
    await dave.http.friends.accept(request.id);
    expect((await carol.http.friends.setRemark(dave.auth!.user.id, 'Dave (chess)')).remark).toBe(
      'Dave (chess)',
    );
    expect((await dave.http.friends.list()).friends[0]!.remark).toBeNull();
    await carol.http.friends.block(dave.auth!.user.id);
    expect((await carol.http.friends.blocks()).blocks.map((b) => b.user.id)).toEqual([dave.auth!.user.id]);
    await carol.http.friends.unblock(dave.auth!.user.id);
    expect((await carol.http.friends.blocks()).blocks).toEqual([]);
  });
});
