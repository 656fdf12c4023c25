import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverDir } from '../src/storage/state-dir.ts';
import { type CuttableProxy, startCuttableProxy } from './support/cuttable-proxy.ts';
import { befriend, say, signUp, stateDirSignedInAs } from './support/people.ts';
import { Terminal, keys, sleep } from './support/terminal.ts';
import { eventually, said } from './support/wait.ts';

describe('writing while offline', () => {
  let server: TestServer;
  let proxy: CuttableProxy;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { lobby: false });
    proxy = await startCuttableProxy(Number(new URL(server.url).port));
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  /** Alice's terminal reaches the server through the proxy; Bob talks to it directly. */
  async function aliceAndBob(n: number) {
    const alice = await signUp(server, `alice${n}`, 'Alice');
    const bob = await signUp(server, `bob${n}`, 'Bob');
    const chatId = await befriend(alice, bob);
    // The saved session is for the proxy's address: that is the server the client knows.
    const stateDir = stateDirSignedInAs({ ...server, url: proxy.url }, alice);
    const open = () => new Terminal({ server: proxy.url, stateDir });
    const copiesOf = async (text: string) =>
      (await bob.http.conversations.messages(chatId)).messages.filter((m) => m.text === text);
    return { alice, bob, chatId, stateDir, open, copiesOf };
  }

  it('shows a message written offline as pending, and delivers it once when back online', async () => {
    const { open, copiesOf } = await aliceAndBob(1);
    const term = open();
    await term.waitForText('Bob');
    await term.type(keys.enter);
    await term.waitForText('Write a message');
    await term.waitForText('● connected');

    proxy.cut();
    await term.waitForText('offline, reconnecting…');
    await term.type('written on the train', keys.enter);
    await term.waitForText(said('You', 'written on the train (pending)'));
    await term.waitForText('1 unsent (sent when back online)');

    proxy.restore();
    await term.waitForText('● connected', 20_000);
    await term.waitForNoText('(pending)');
    await eventually(
      () => copiesOf('written on the train'),
      (copies) => copies.length === 1,
    );
    await term.close();
  });

  it('starts offline with the chats and messages it last saw', async () => {
    const { open, bob, chatId } = await aliceAndBob(3);
    await say(bob, chatId, 'see you at 8 ☕');
    const first = open();
    await first.waitForText('Bob');
    await first.type(keys.enter);
    await first.waitForText(said('Bob', 'see you at 8 ☕'));
    // The cache is written a moment after the last change.
    await sleep(1500);
    await first.close();

    proxy.cut();
    const second = open();
    await second.waitForText('offline, reconnecting…');
    await second.waitForText('Bob');
    await second.type(keys.enter);
    await second.waitForText(said('Bob', 'see you at 8 ☕'));
    proxy.restore();
    await second.waitForText('● connected', 20_000);
    await second.close();
  });

  it('keeps unsent messages across a restart and sends them once', async () => {
    const { open, stateDir, alice, copiesOf } = await aliceAndBob(2);
    const first = open();
    await first.waitForText('Bob');
    await first.type(keys.enter);
    await first.waitForText('● connected');
    proxy.cut();
    await first.waitForText('offline, reconnecting…');
    await first.type('do not lose this', keys.enter);
    await first.waitForText(said('You', 'do not lose this (pending)'));
    await first.close();

    const outbox = path.join(
      serverDir(proxy.url, { PARLEY_TUI_STATE_DIR: stateDir }),
      `${alice.auth!.user.id}.json`,
    );
    expect(JSON.parse(readFileSync(outbox, 'utf8')).unsent).toEqual([
      expect.objectContaining({ text: 'do not lose this' }),
    ]);

    // Started again, still offline: the message is back in the outbox, from disk.
    const second = open();
    await second.waitForText('1 unsent (sent when back online)');
    proxy.restore();
    await second.waitForText('● connected', 20_000);
    await eventually(
      () => copiesOf('do not lose this'),
      (copies) => copies.length === 1,
    );
    await second.waitForNoText('1 unsent');
    await eventually(
      async () => JSON.parse(readFileSync(outbox, 'utf8')).unsent as unknown[],
      (unsent) => unsent.length === 0,
    );
    await second.close();
    expect(await copiesOf('do not lose this')).toHaveLength(1);
  });
});
