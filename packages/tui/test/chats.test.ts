import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { befriend, say, signUp, stateDirSignedInAs } from './support/people.ts';
import { Terminal, ctrl, keys } from './support/terminal.ts';
import { eventually, said } from './support/wait.ts';

describe('chatting in the terminal', () => {
  let server: TestServer;
  let n = 0;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { lobby: false });
  });
  afterAll(() => server?.close());

  /** Alice (in the terminal) and her friend Bob (an SDK client), with their direct chat. */
  async function aliceAndBob() {
    n += 1;
    const alice = await signUp(server, `alice${n}`, 'Alice');
    const bob = await signUp(server, `bob${n}`, 'Bob');
    const chatId = await befriend(alice, bob);
    const open = () => new Terminal({ server: server.url, stateDir: stateDirSignedInAs(server, alice) });
    return { alice, bob, chatId, open };
  }

  it("shows Bob's chat with an unread count when he writes, and opening it shows his messages", async () => {
    const { bob, chatId, open } = await aliceAndBob();
    const term = open();
    await term.waitForText('Bob');
    await say(bob, chatId, 'are you there?');
    await say(bob, chatId, 'it is about the trip');
    await term.waitForText(/Bob +\(2\)/);
    await term.type(keys.enter);
    await term.waitForText(said('Bob', 'it is about the trip'));
    expect(term.screen()).toMatch(said('Bob', 'are you there?'));
    await term.waitForNoText('(2)');
    // Reading it moved the read cursor on the server too.
    await eventually(
      () => bob.http.conversations.list(),
      ({ conversations }) => conversations.length > 0,
    );
    await term.close();
  });

  it('reads the history and scrolls up to the first message', async () => {
    const { bob, chatId, open } = await aliceAndBob();
    for (let i = 1; i <= 70; i++) await say(bob, chatId, `note ${i}`);
    const term = open();
    await term.waitForText('Bob');
    await term.type(keys.enter);
    await term.waitForText(said('Bob', 'note 70'));
    expect(term.screen()).not.toMatch(said('Bob', 'note 1 '));
    // Older pages load as the top is reached.
    await term.pressUntil(keys.pageUp, '— start of the conversation —');
    expect(term.screen()).toMatch(said('Bob', 'note 1 '));
    expect(term.screen()).not.toMatch(said('Bob', 'note 70'));
    // PgDn brings the newest back.
    await term.pressUntil(keys.pageDown, 'note 70');
    await term.close();
  });

  it('sends what is typed, and Bob receives it', async () => {
    const { bob, chatId, open } = await aliceAndBob();
    const term = open();
    await term.waitForText('Bob');
    await term.type(keys.enter);
    await term.waitForText('Write a message');
    await term.type('see you at eight', keys.enter);
    await term.waitForText(said('You', 'see you at eight'));
    const page = await eventually(
      () => bob.http.conversations.messages(chatId),
      (p) => p.messages.some((m) => m.text === 'see you at eight'),
    );
    expect(page.messages.filter((m) => m.text === 'see you at eight')).toHaveLength(1);
    await term.waitForNoText('(pending)');
    await term.close();
  });

  it("reacts to Bob's message and replies to it", async () => {
    const { bob, chatId, open } = await aliceAndBob();
    const asked = await say(bob, chatId, 'lunch at noon?');
    await say(bob, chatId, 'or later');
    const term = open();
    await term.waitForText('Bob');
    await term.type(keys.enter);
    await term.waitForText(said('Bob', 'or later'));
    // ↑↑ chooses "lunch at noon?"; Ctrl+E reacts to it, then Ctrl+R answers it.
    await term.type(keys.up, keys.up, ctrl('e'));
    await term.waitForText('React with: 1 👍');
    await term.type('3');
    await term.waitForText('🎉 1*');
    const reacted = await eventually(
      () => bob.http.conversations.messages(chatId),
      (p) => p.messages.some((m) => m.id === asked.id && m.reactions.length > 0),
    );
    expect(reacted.messages.find((m) => m.id === asked.id)!.reactions).toEqual([
      expect.objectContaining({ emoji: '🎉', count: 1 }),
    ]);

    await term.type(ctrl('r'));
    await term.waitForText('Replying to Bob: lunch at noon?');
    await term.type('noon works', keys.enter);
    await term.waitForText('↪ Bob: lunch at noon?');
    const reply = await eventually(
      () => bob.http.conversations.messages(chatId),
      (p) => p.messages.some((m) => m.text === 'noon works'),
    );
    expect(reply.messages.find((m) => m.text === 'noon works')!.replyTo).toMatchObject({ id: asked.id });
    await term.close();
  });

  it('shows whether Bob is online and when he is typing', async () => {
    const { bob, chatId, open } = await aliceAndBob();
    const term = open();
    await term.waitForText('Bob');
    await term.type(keys.enter);
    await term.waitForText('○ offline');
    const live = bob.connect();
    await live.opened();
    await term.waitForText('● online');
    await live.request('typing', { conversationId: chatId });
    await term.waitForText('Bob is typing…');
    live.close();
    await term.waitForText('○ offline');
    await term.close();
  });

  it('tells of a new message in another chat, and Ctrl+N opens it', async () => {
    const { alice, chatId, bob, open } = await aliceAndBob();
    const carol = await signUp(server, `carol${n}`, 'Carol');
    const carolChat = await befriend(alice, carol);
    await say(bob, chatId, 'first things first');
    const term = open();
    await term.waitForText('Bob');
    await term.type(keys.enter);
    await term.waitForText(said('Bob', 'first things first'));
    await say(carol, carolChat, 'did you see the news?');
    await term.waitForText('New message in Carol — Carol: did you see the news? (Ctrl+N opens)');
    expect(term.screen()).toMatch(/Carol +\(1\)/);
    await term.type(ctrl('n'));
    await term.waitForText(said('Carol', 'did you see the news?'));
    await term.waitForNoText('New message in Carol');
    await term.close();
  });
});
