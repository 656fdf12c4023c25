import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { befriend, say, signUp, stateDirSignedInAs } from './support/people.ts';
import { Terminal, keys } from './support/terminal.ts';
import { eventually, said } from './support/wait.ts';

describe('Chinese and emoji in the terminal', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { lobby: false });
  });
  afterAll(() => server?.close());

  it('keeps every pane border in its column on rows with wide characters', async () => {
    const alice = await signUp(server, 'alice', 'Alice');
    const li = await signUp(server, 'lixiaolong', '李小龙🐉');
    const chatId = await befriend(alice, li);
    const long =
      '你好！这是一条很长的中文消息，用来检查换行是否正确 🎉🎉 再加上一些 emoji 👍 和 English words 混在一起';
    await say(li, chatId, long);
    const term = new Terminal({
      server: server.url,
      stateDir: stateDirSignedInAs(server, alice),
      cols: 90,
      rows: 24,
    });
    await term.waitForText(/李小龙🐉 +\(1\)/);
    await term.type(keys.enter);
    await term.waitForText(said('李小龙🐉', '你好！这是一条'));
    await term.type('收到 👌 thanks', keys.enter);
    await term.waitForText(said('You', '收到 👌 thanks'));

    // The list is 27 cells wide at 90 columns; the chat pane fills the rest.
    const borders = [0, 26, 27, term.cols - 1];
    const paneRows = term.lines().findIndex((line) => line.startsWith('└'));
    expect(paneRows).toBeGreaterThan(5);
    for (let y = 1; y < paneRows; y++) {
      const cells = term.cells(y);
      expect(
        borders.map((x) => cells[x]),
        `row ${y}: ${term.lines()[y]}`,
      ).toEqual(['│', '│', '│', '│']);
    }
    // The long message wrapped onto several rows, none of them cut through a wide character.
    const wrapped = term.lines().filter((line) => /[\u4e00-\u9fff]/.test(line) && line.includes('│'));
    expect(wrapped.length).toBeGreaterThanOrEqual(3);

    const sent = await eventually(
      () => li.http.conversations.messages(chatId),
      (p) => p.messages.some((m) => m.text === '收到 👌 thanks'),
    );
    expect(sent.messages.filter((m) => m.text === '收到 👌 thanks')).toHaveLength(1);
    await term.close();
  });

  it('edits a line of wide characters by whole characters', async () => {
    const alice = await signUp(server, 'alice2', 'Alice');
    const bob = await signUp(server, 'bob2', 'Bob');
    const chatId = await befriend(alice, bob);
    const term = new Terminal({ server: server.url, stateDir: stateDirSignedInAs(server, alice) });
    await term.waitForText('Bob');
    await term.type(keys.enter);
    await term.waitForText('Write a message');
    // Backspace takes away the emoji (two UTF-16 units) and one Chinese character, nothing more.
    await term.type('早上好👍🏽', keys.backspace, keys.backspace, '呀', keys.enter);
    await term.waitForText(said('You', '早上呀'));
    await eventually(
      () => bob.http.conversations.messages(chatId),
      (p) => p.messages.some((m) => m.text === '早上呀'),
    );
    await term.close();
  });
});
