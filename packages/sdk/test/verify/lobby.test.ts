import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, conversation, join, leaveAll, settle, verify } from './support.ts';

/**
 * verify_action for the lobby's list entry: join and leave notices come as `message.created`
 * like any message, but never become its preview nor move it up the list (PROTOCOL.md, The
 * lobby). A session applying them must end where a fresh load does.
 */
describe.each(['sqlite', 'postgres'] as const)(
  'the lobby’s list entry agrees with a fresh load on %s',
  { timeout: 20_000 },
  (dialect) => {
    let server: TestServer;
    let alice: Person;
    let bob: Person;
    const everyone: Person[] = [];

    beforeAll(async () => {
      server = await startTestServer(dialect);
      alice = await join(server, 'alice');
      bob = await join(server, 'bob');
      everyone.push(alice, bob);
      await settle(everyone);
    }, 60_000);
    afterAll(async () => {
      leaveAll(everyone);
      await server?.close();
    });

    it('holds no preview while the lobby has only join notices', () => {
      expect(conversation(alice, 'lobby').lastMessage).toBeNull();
      expect(conversation(bob, 'lobby').lastMessage).toBeNull();
    });

    it('shows what alice says, and keeps showing it when carol joins and leaves', async () => {
      const said = await verify(everyone, () => alice.session.chats.send('lobby', 'hello, everyone').acked);
      const place = conversation(bob, 'lobby').updatedAt;
      const carol = await verify(everyone, () => join(server, 'carol'));
      everyone.push(carol);
      await verify(everyone, () => carol.session.groups.leave('lobby'));
      for (const person of [alice, bob]) {
        const lobby = conversation(person, 'lobby');
        expect(lobby.lastMessage?.id).toBe(said.id);
        expect(lobby.lastSeq).toBe(said.seq + 2);
        expect(lobby.updatedAt).toBe(place);
      }
      expect(conversation(bob, 'lobby').unreadCount).toBe(1);
    });
  },
);
