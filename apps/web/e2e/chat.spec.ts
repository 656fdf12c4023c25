import { chatItem, directChat, messageLog, messageRows, write } from './support/chat.ts';
import { expect, test } from './support/fixtures.ts';

/** A private chat between two friends, each in their own browser: live both ways. */

test('two friends write to each other and each sees the other’s message arrive live', async ({ people }) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  await directChat(alice, bob);

  await write(alice.page, 'Hi Bob! 你好，今天有空吗？');
  const mine = messageRows(alice.page, 'Hi Bob!');
  await expect(mine).toHaveCount(1);
  await expect(mine).toHaveAttribute('data-mine', 'true');
  await expect(messageRows(bob.page, '你好，今天有空吗？')).toHaveCount(1);
  await expect(messageRows(bob.page, '你好，今天有空吗？')).toHaveAttribute('data-mine', 'false');

  // Bob has the chat open, so Alice's message shows as read in a direct chat.
  await expect(mine).toHaveAttribute('data-status', 'read');
  await expect(mine.getByText('Read')).toBeVisible();

  await write(bob.page, 'Sure 👍 有空');
  await expect(messageRows(alice.page, 'Sure 👍 有空')).toHaveCount(1);
  await expect(messageRows(bob.page, 'Sure 👍 有空')).toHaveCount(1);
});

test('a message to someone not looking counts as unread for them until they open the chat', async ({
  people,
}) => {
  const [carol, dan] = await Promise.all([people.signedIn('carol'), people.signedIn('dan')]);
  const id = await directChat(carol, dan);
  // Dan goes back to the lists.
  await dan.page.goto('/#/');
  await write(carol.page, 'Are you there?');
  const item = chatItem(dan.page, id);
  await expect(item.getByRole('status', { name: '1 unread message' })).toBeVisible();
  await expect(item).toContainText('Are you there?');
  await expect(messageRows(carol.page, 'Are you there?')).toHaveAttribute('data-status', 'sent');
  await item.click();
  await expect(messageRows(dan.page, 'Are you there?')).toBeVisible();
  await expect(item.getByRole('status')).toHaveCount(0);
  await expect(messageRows(carol.page, 'Are you there?')).toHaveAttribute('data-status', 'read');
});

test('my message arriving before its acknowledgement shows once, not twice', async ({ people }) => {
  const [carol, dan] = await Promise.all([people.signedIn('carol'), people.signedIn('dan')]);
  // Carol's acknowledgements come 5 s late (a slow link); everything else passes at once.
  await carol.page.routeWebSocket(/\/ws/, (ws) => {
    const server = ws.connectToServer();
    const sends = new Set<string>();
    ws.onMessage((frame) => {
      const parsed = JSON.parse(String(frame)) as { id?: string; type?: string };
      if (parsed.type === 'message.send' && parsed.id) sends.add(parsed.id);
      server.send(frame);
    });
    server.onMessage((frame) => {
      const parsed = JSON.parse(String(frame)) as { re?: string };
      if (parsed.re && sends.has(parsed.re)) setTimeout(() => ws.send(frame), 5000);
      else ws.send(frame);
    });
  });
  await carol.page.reload();
  await directChat(carol, dan);

  await write(carol.page, 'Early bird');
  await expect(messageRows(dan.page, 'Early bird')).toHaveCount(1);
  // The message is in Carol's history (it came as an event) while its ack is still on the way,
  // and all that time there is no second, pending copy of it (counted, not waited for).
  await expect(messageRows(carol.page, 'Early bird').and(carol.page.locator('[data-seq]'))).toHaveCount(1);
  for (let i = 0; i < 6; i++) {
    expect(await messageRows(carol.page, 'Early bird').count()).toBe(1);
    await carol.page.waitForTimeout(500);
  }
  await expect(messageRows(carol.page, 'Early bird')).not.toHaveAttribute('data-status', 'sending');
});

test('the presence dot turns off when the friend closes their browser', async ({ people }) => {
  const [erin, frank] = await Promise.all([people.signedIn('erin'), people.signedIn('frank')]);
  const id = await directChat(erin, frank);
  const dot = chatItem(erin.page, id).locator('[data-online]');
  await expect(dot).toHaveAttribute('data-online', 'true');
  await frank.context.close();
  await expect(dot).toHaveAttribute('data-online', 'false', { timeout: 20_000 });
});

test('the history is there after a reload', async ({ people }) => {
  const [gina, hal] = await Promise.all([people.signedIn('gina'), people.signedIn('hal')]);
  await directChat(gina, hal);
  await write(gina.page, 'Remember this: 记住这个');
  await expect(messageRows(hal.page, '记住这个')).toBeVisible();
  await hal.page.reload();
  await expect(messageLog(hal.page)).toBeVisible();
  await expect(messageRows(hal.page, 'Remember this: 记住这个')).toHaveCount(1);
});

test('while the first list is on its way the chat list shows placeholders, not "No conversations yet"', async ({
  people,
}) => {
  const ivy = await people.signedIn('ivy');
  await expect(ivy.page.getByRole('list', { name: 'Chats' })).toBeVisible();
  // A new device: nothing kept, and the list answers slowly.
  await ivy.page.evaluate(() =>
    indexedDB.databases().then((dbs) => dbs.forEach((d) => indexedDB.deleteDatabase(d.name!))),
  );
  let answer = () => {};
  const held = new Promise<void>((resolve) => (answer = resolve));
  await ivy.page.route('**/api/v1/conversations', async (route) => {
    await held;
    await route.continue();
  });
  await ivy.page.reload();
  await expect(ivy.page.getByTestId('chat-list-loading')).toBeVisible();
  await expect(ivy.page.getByRole('status').filter({ hasText: 'Loading…' })).toHaveCount(1);
  await expect(ivy.page.getByText('No conversations yet')).toHaveCount(0);
  answer();
  await expect(ivy.page.getByRole('list', { name: 'Chats' })).toBeVisible();
  await expect(ivy.page.getByTestId('chat-list-loading')).toHaveCount(0);
});
