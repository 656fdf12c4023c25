import type { Conversation, Message, StickerCollection } from '@parley/protocol';
import type { Page } from '@playwright/test';
import { chatItem, directChat, messageAt, messageLog, messageRows, openChat, write } from './support/chat.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * What a message's menu does beyond reply and react: forward to several chats, keep a sticker,
 * pick several messages; and how a chat opens: the caret in the composer, arrivals collapsed.
 */

function composer(page: Page) {
  return page.getByRole('textbox', { name: 'Message' });
}

/** Opens a stored message's More menu and picks one entry. */
async function fromMenu(page: Page, seq: string | number, item: string) {
  const row = messageAt(page, seq);
  await row.hover();
  await row.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

async function seqOf(page: Page, text: string): Promise<string> {
  await expect(messageRows(page, text)).toHaveCount(1);
  // A message of one's own shows before the server has acknowledged it; its seq comes then.
  await expect(messageRows(page, text)).toHaveAttribute('data-seq', /^\d+$/);
  return (await messageRows(page, text).getAttribute('data-seq'))!;
}

test('a chat opened on a wide screen is ready to type in; on a phone the keyboard waits for a tap', async ({
  people,
}) => {
  const [alice, bob] = await Promise.all([
    people.signedIn('alice'),
    people.signedIn('bob', { viewport: { width: 390, height: 844 } }),
  ]);
  await directChat(alice, bob);
  await expect(composer(alice.page)).toBeFocused();
  await expect(composer(bob.page)).not.toBeFocused();

  // After a send, and after picking Reply, the caret is back in the box.
  await write(alice.page, 'Coffee later?');
  await expect(composer(alice.page)).toBeFocused();
  await expect(messageRows(bob.page, 'Coffee later?')).toHaveCount(1);
  await write(bob.page, 'Sure, at three');
  const seq = await seqOf(alice.page, 'Sure, at three');
  await messageLog(alice.page).click();
  await messageAt(alice.page, seq).hover();
  await messageAt(alice.page, seq).getByRole('button', { name: 'Reply' }).click();
  await expect(composer(alice.page)).toBeFocused();
});

test('join and leave notices in a row become one line that opens to show who', async ({ people }) => {
  const alice = await people.signedIn('alice');
  const [dave, erin, frank, gina, hugo] = await Promise.all([
    people.account('dave'),
    people.account('erin'),
    people.account('frank'),
    people.account('gina'),
    people.account('hugo'),
  ]);
  const group = await alice.api.call<Conversation>('POST', '/groups', {
    name: 'Book club',
    joinPolicy: 'open',
  });
  for (const who of [dave, erin, frank]) await who.api.call('POST', `/groups/${group.id}/join`);
  await dave.api.call('POST', `/groups/${group.id}/leave`);
  await expect(chatItem(alice.page, group.id)).toBeVisible();
  await openChat(alice, group.id);

  const log = messageLog(alice.page);
  const run = log.getByRole('button', { name: '3 joined, 1 left' });
  await expect(run).toHaveAttribute('aria-expanded', 'false');
  await expect(log.getByText('Erin joined')).toHaveCount(0);
  await run.click();
  await expect(run).toHaveAttribute('aria-expanded', 'true');
  for (const line of ['Dave joined', 'Erin joined', 'Frank joined', 'Dave left'])
    await expect(log.getByText(line, { exact: true })).toBeVisible();

  // Live: one arrival after a message is a line of its own; the next one makes a run of two.
  await write(alice.page, 'Welcome, everyone!');
  await gina.api.call('POST', `/groups/${group.id}/join`);
  await expect(log.getByText('Gina joined', { exact: true })).toBeVisible();
  await hugo.api.call('POST', `/groups/${group.id}/join`);
  await expect(log.getByRole('button', { name: '2 people joined' })).toBeVisible();
  await expect(log.getByText('Gina joined', { exact: true })).toHaveCount(0);
});

test('a message forwarded to two chats reaches both; a chat that refuses says why', async ({ people }) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  const carol = await people.account('carol');
  await directChat(alice, bob);
  await alice.api.befriend(carol.api);
  const toCarol = await alice.api.direct(carol.api);
  const group = await alice.api.createGroup('Weekend plans', [bob.api, carol.api]);
  await write(bob.page, 'Picnic on Saturday? 周六野餐？');
  const seq = await seqOf(alice.page, 'Picnic on Saturday?');

  await fromMenu(alice.page, seq, 'Forward');
  const dialog = alice.page.getByRole('dialog', { name: 'Forward message' });
  await expect(dialog).toContainText('Bob: Picnic on Saturday?');
  await dialog.getByRole('searchbox', { name: 'Search chats' }).fill('week');
  await dialog.getByRole('checkbox', { name: /Weekend plans/ }).check();
  await dialog.getByRole('searchbox', { name: 'Search chats' }).fill('');
  await dialog.getByRole('checkbox', { name: /Carol/ }).check();
  await expect(dialog).toContainText('Send to (2 chats)');
  await dialog.getByRole('button', { name: 'Forward', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(alice.page.getByRole('status').getByText('Forwarded to 2 chats')).toBeVisible();

  // Bob sees Alice's copy in the group, marked as forwarded; Carol has hers in the direct chat.
  await openChat(bob, group.id);
  const copy = messageRows(bob.page, 'Picnic on Saturday?');
  await expect(copy).toContainText('Forwarded');
  await expect(copy).toHaveAttribute('data-mine', 'false');
  const carolSees = await carol.api.call<{ messages: Message[] }>(
    'GET',
    `/conversations/${toCarol.id}/messages`,
  );
  expect(carolSees.messages.at(-1)).toMatchObject({
    text: 'Picnic on Saturday? 周六野餐？',
    senderId: alice.userId,
  });

  // Carol blocks Alice: the next forward reaches the group, and the dialog says Carol's chat refused.
  await carol.api.call('PUT', `/blocks/${alice.userId}`);
  await write(bob.page, 'Bring a blanket');
  await openChat(alice, group.id);
  const second = await seqOf(alice.page, 'Bring a blanket');
  await fromMenu(alice.page, second, 'Forward');
  await dialog.getByRole('checkbox', { name: /Carol/ }).check();
  await dialog.getByRole('checkbox', { name: /Weekend plans/ }).check();
  await dialog.getByRole('button', { name: 'Forward', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('1 chat did not take it. The others have it.');
  const results = dialog.getByRole('list', { name: 'How the forward went' });
  await expect(results.getByRole('listitem').filter({ hasText: 'Carol' })).toContainText(
    'Not sent: You cannot send messages to this person.',
  );
  await expect(results.getByRole('listitem').filter({ hasText: 'Weekend plans' })).toContainText('Sent');
  await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
  await expect(dialog).toBeHidden();
  await expect(messageRows(bob.page, 'Bring a blanket')).toHaveCount(2);
});

test('a sticker someone sent is kept in my stickers and found in the picker', async ({ people }) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  const id = await directChat(alice, bob);
  const { packs } = await bob.api.call<StickerCollection>('GET', '/stickers');
  const sticker = packs[0]!.stickers[2]!;
  await bob.api.call('POST', `/conversations/${id}/messages`, {
    clientMsgId: crypto.randomUUID(),
    stickerId: sticker.id,
  });
  const row = messageLog(alice.page)
    .getByTestId('message')
    .filter({ has: alice.page.getByRole('img', { name: /^Sticker/ }) });
  await expect(row).toHaveCount(1);
  const seq = (await row.getAttribute('data-seq'))!;

  // Before: my stickers are empty.
  await alice.page.getByRole('button', { name: 'Stickers' }).click();
  const panel = alice.page.getByRole('dialog', { name: 'Stickers' });
  await panel.getByRole('tab', { name: 'My stickers' }).click();
  await expect(panel.getByRole('tabpanel', { name: 'My stickers' }).getByRole('button')).toHaveCount(0);
  await alice.page.keyboard.press('Escape');

  await fromMenu(alice.page, seq, 'Add to my stickers');
  await expect(alice.page.getByRole('status').getByText('Added to your stickers')).toBeVisible();
  await alice.page.getByRole('button', { name: 'Stickers' }).click();
  await panel.getByRole('tab', { name: 'My stickers' }).click();
  const mine = panel.getByRole('tabpanel', { name: 'My stickers' }).getByRole('button');
  await expect(mine).toHaveCount(1);
  await expect(mine.locator('img')).toHaveAttribute('src', sticker.url);
  await alice.page.keyboard.press('Escape');

  // Again: it is there already, and the app says so.
  await fromMenu(alice.page, seq, 'Add to my stickers');
  await expect(
    alice.page.getByRole('status').getByText('This sticker is in your stickers already'),
  ).toBeVisible();
});

test('several messages picked are forwarded in their order, and Escape leaves selection', async ({
  people,
}) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  const carol = await people.account('carol');
  await alice.api.befriend(carol.api);
  const toCarol = await alice.api.direct(carol.api);
  await directChat(alice, bob);
  await write(bob.page, 'First: the address');
  await write(alice.page, 'Second: my answer');
  await write(bob.page, 'Third: the time');
  const [first, second, third] = await Promise.all(
    ['First: the address', 'Second: my answer', 'Third: the time'].map((text) => seqOf(alice.page, text)),
  );

  await fromMenu(alice.page, first!, 'Select');
  const bar = alice.page.getByRole('toolbar', { name: 'Selected messages' });
  await expect(bar).toContainText('1 selected');
  await expect(composer(alice.page)).toHaveCount(0);
  // Picked by a click on the row or on its checkbox; the order is the chat's, not the clicks'.
  await messageAt(alice.page, third!).click();
  await messageAt(alice.page, second!).getByRole('checkbox').click();
  await expect(bar).toContainText('3 selected');
  await messageAt(alice.page, second!).click();
  await expect(bar).toContainText('2 selected');
  await expect(messageAt(alice.page, second!).getByRole('checkbox')).not.toBeChecked();

  await bar.getByRole('button', { name: 'Forward' }).click();
  const dialog = alice.page.getByRole('dialog', { name: 'Forward 2 messages' });
  await dialog.getByRole('checkbox', { name: /Carol/ }).check();
  await dialog.getByRole('button', { name: 'Forward', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(bar).toBeHidden();
  await expect(composer(alice.page)).toBeVisible();
  const carolSees = await carol.api.call<{ messages: Message[] }>(
    'GET',
    `/conversations/${toCarol.id}/messages`,
  );
  expect(carolSees.messages.slice(-2).map((m) => m.text)).toEqual(['First: the address', 'Third: the time']);

  // Escape leaves selection mode without doing anything.
  await fromMenu(alice.page, second!, 'Select');
  await expect(bar).toBeVisible();
  await alice.page.keyboard.press('Escape');
  await expect(bar).toBeHidden();
  await expect(composer(alice.page)).toBeVisible();
});
