import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { befriend, idOf, say, signUp, stateDirSignedInAs } from './support/people.ts';
import { Terminal, keys } from './support/terminal.ts';
import { eventually, said } from './support/wait.ts';

describe('answering requests in the terminal', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { lobby: false });
  });
  afterAll(() => server?.close());

  it('accepts a friend request and a group invitation, and both chats open', async () => {
    const alice = await signUp(server, 'alice', 'Alice');
    const bob = await signUp(server, 'bob', 'Bob');
    const carol = await signUp(server, 'carol', 'Carol');
    await befriend(bob, alice);
    const term = new Terminal({ server: server.url, stateDir: stateDirSignedInAs(server, alice) });
    await term.waitForText('Bob');

    await carol.http.friends.request(idOf(alice), 'we met at the conference');
    await term.waitForText('+ Carol wants to be friends');
    await term.waitForText('Carol (@carol) wants to be your friend.');
    await term.waitForText('“we met at the conference”');
    await term.waitForText('Enter accept · x decline');
    await term.type(keys.enter);
    await term.waitForText('You and Carol are now friends');
    await eventually(
      () => carol.http.friends.list(),
      ({ friends }) => friends.some((f) => f.user.id === idOf(alice)),
    );

    const group = await bob.http.groups.create({ name: 'Book club 读书会', inviteMode: 'accept' });
    await bob.http.groups.invite(group.id, [idOf(alice)]);
    await term.waitForText('+ Join Book club 读书会?');
    await term.waitForText('Bob invited you to join Book club 读书会 (1 member).');
    // The invitation is the first row; the friend request is answered and gone.
    expect(term.screen()).not.toContain('wants to be friends');
    await term.type(keys.enter);
    await term.waitForText('You joined Book club 读书会');
    const members = await bob.http.conversations.members(group.id);
    expect(members.members.map((m) => m.user.id)).toContain(idOf(alice));

    await say(bob, group.id, 'welcome, Alice!');
    await term.waitForText(/Book club 读书会 +\(1\)/);
    await term.type(keys.up, keys.up, keys.up, keys.enter);
    await term.waitForText(said('Bob', 'welcome, Alice!'));
    await term.close();
  });

  it('declines a friend request with x', async () => {
    const dan = await signUp(server, 'dan', 'Dan');
    const erin = await signUp(server, 'erin', 'Erin');
    const term = new Terminal({ server: server.url, stateDir: stateDirSignedInAs(server, dan) });
    await term.waitForText('signed in as dan');
    const { request } = await erin.http.friends.request(idOf(dan));
    await term.waitForText('+ Erin wants to be friends');
    await term.type('x');
    await term.waitForNoText('+ Erin wants to be friends');
    const { outgoing } = await erin.http.friends.requests();
    expect(outgoing.find((r) => r.id === request.id)?.status ?? 'declined').toBe('declined');
    await term.close();
  });
});
