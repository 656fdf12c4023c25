import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { befriend, idOf, signUp, stateDirSignedInAs } from './support/people.ts';
import { Terminal, keys } from './support/terminal.ts';
import { eventually, said } from './support/wait.ts';

describe('a message the server refuses', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { lobby: false });
  });
  afterAll(() => server?.close());

  it('shows as failed, and /retry sends it once the refusal is lifted; /discard drops another', async () => {
    const alice = await signUp(server, 'alice', 'Alice');
    const bob = await signUp(server, 'bob', 'Bob');
    await befriend(alice, bob);
    const group = await bob.http.groups.create({ name: 'Book club', memberIds: [idOf(alice)] });
    // Bob mutes Alice for an hour: what she sends is refused, and waits for her.
    const hour = new Date(Date.now() + 3_600_000).toISOString();
    await bob.http.groups.updateMember(group.id, idOf(alice), { mutedUntil: hour });

    const term = new Terminal({ server: server.url, stateDir: stateDirSignedInAs(server, alice) });
    await term.waitForText('Book club');
    await term.type(keys.enter);
    await term.waitForText('Write a message');
    await term.type('first try', keys.enter);
    await term.waitForText('/retry or /discard');

    await bob.http.groups.updateMember(group.id, idOf(alice), { mutedUntil: null });
    await term.type('/retry', keys.enter);
    await term.waitForText(said('You', 'first try'));
    await term.waitForNoText('/retry or /discard');
    await eventually(
      async () =>
        (await bob.http.conversations.messages(group.id)).messages.filter((m) => m.text === 'first try'),
      (copies) => copies.length === 1,
    );

    await bob.http.groups.updateMember(group.id, idOf(alice), { mutedUntil: hour });
    await term.type('never mind', keys.enter);
    await term.waitForText('/retry or /discard');
    await term.type('/discard', keys.enter);
    await term.waitForNoText('never mind');
    await term.close();
  });
});
