import { Conversation, ConversationList, MessagePage } from '@parley/protocol';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './support/people.ts';

describe.each(['sqlite', 'postgres'] as const)('conversations through the SDK on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server?.close());

  it('lists the lobby a new account joined, and pages its history with the join notice', async () => {
    const alice = await signUp(server, 'alice');
    const { conversations } = ConversationList.parse(await alice.http.conversations.list());
    expect(conversations.map((c) => c.id)).toEqual(['lobby']);
    const lobby = Conversation.parse(await alice.http.conversations.get('lobby'));
    expect(lobby.kind).toBe('lobby');
    const page = MessagePage.parse(await alice.http.conversations.messages('lobby', { limit: 10 }));
    expect(page.messages.at(-1)?.notice).toEqual({
      type: 'member.joined',
      actorId: alice.auth!.user.id,
      userIds: [alice.auth!.user.id],
    });
    const { members } = await alice.http.conversations.members('lobby');
    expect(members.map((m) => m.user.id)).toContain(alice.auth!.user.id);
  });

  it('pages backwards with `before` until there is no more', async () => {
    const bob = await signUp(server, 'bob');
    for (const name of ['carol', 'dave', 'erin']) await signUp(server, name);
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await bob.http.conversations.messages('lobby', { limit: 2, ...(before && { before }) });
      seen.unshift(...page.messages.map((m) => m.seq));
      if (!page.hasMore) break;
      before = page.messages[0]!.seq;
    }
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i + 1));
    expect(seen.length).toBeGreaterThanOrEqual(4);
  });
});
