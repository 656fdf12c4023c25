import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Person, befriend, conversation, device, heard, join, leaveAll, verify } from './support.ts';

/**
 * verify_action for delete for me: alice, on her laptop and her phone, and bob share a direct
 * conversation whose history every session holds. Alice hides messages: her sessions drop
 * them (the seqs stay held, so no gap is filled forever) and her list's preview falls back
 * to the newest she still sees; bob's stays as it was. Each must equal a fresh load.
 */
describe.each(['sqlite', 'postgres'] as const)(
  'delete for me agrees with a fresh load on %s',
  { timeout: 20_000 },
  (dialect) => {
    let server: TestServer;
    let alice: Person;
    let phone: Person;
    let bob: Person;
    let everyone: Person[];
    let chat: string;
    const texts = (person: Person) =>
      person.session.messages
        .messages(chat)
        .filter((m) => m.kind === 'text')
        .map((m) => m.text);
    const send = (person: Person, text: string) => person.session.chats.send(chat, text).acked;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      alice = await join(server, 'alice');
      bob = await join(server, 'bob');
      phone = await device(server, alice);
      everyone = [alice, phone, bob];
      chat = await befriend(alice, bob);
      for (const person of everyone) await person.session.chats.open(chat);
    }, 60_000);
    afterAll(async () => {
      leaveAll(everyone);
      await server?.close();
    });

    it('a message hidden in the middle leaves every session of alice’s, not bob’s', async () => {
      await send(alice, 'one');
      const two = await send(bob, 'two');
      await send(bob, 'three');
      await verify(everyone, () => alice.session.chats.hideMessages(chat, [two.id]));
      expect(texts(alice)).toEqual(['one', 'three']);
      expect(texts(phone)).toEqual(['one', 'three']);
      expect(texts(bob)).toEqual(['one', 'two', 'three']);
      expect(heard(phone)).toContain('message.hidden');
    });

    it('hiding the newest falls back to the one before in the list; new messages come in after it', async () => {
      const four = await send(bob, 'four');
      await verify(everyone, () => alice.session.chats.hideMessages(chat, [four.id]));
      expect(conversation(alice, chat).lastMessage?.text).toBe('three');
      expect(conversation(phone, chat).lastMessage?.text).toBe('three');
      expect(conversation(bob, chat).lastMessage?.text).toBe('four');
      await verify(everyone, () => send(bob, 'five'));
      expect(texts(phone)).toEqual(['one', 'three', 'five']);
    });

    it('a device signed in later loads the history without them, and edits to them change nothing', async () => {
      const tablet = await device(server, alice, 'tablet');
      everyone.push(tablet);
      await tablet.session.chats.open(chat);
      await verify(everyone, async () => {});
      expect(texts(tablet)).toEqual(['one', 'three', 'five']);
      const hidden = bob.session.messages.messages(chat).find((m) => m.text === 'two')!;
      await verify(everyone, () => bob.session.chats.edit(hidden.id, 'two, edited'));
      expect(texts(tablet)).toEqual(['one', 'three', 'five']);
    });
  },
);
