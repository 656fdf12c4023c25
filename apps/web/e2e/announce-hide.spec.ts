import type { Page } from '@playwright/test';
import { chatItem, directChat, messageAt, messageRows, openChat, write } from './support/chat.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * A group's announcement (a message its owner or an admin pins, shown above the chat to
 * everyone, live) and "delete for me" (a message gone from my screens only), one message or
 * several picked.
 */

async function seqOf(page: Page, text: string): Promise<string> {
  await expect(messageRows(page, text)).toHaveCount(1);
  // A message of one's own shows before the server has acknowledged it; its seq comes then.
  await expect(messageRows(page, text)).toHaveAttribute('data-seq', /^\d+$/);
  return (await messageRows(page, text).getAttribute('data-seq'))!;
}

/** Opens a stored message's More menu. */
async function openMenu(page: Page, seq: string) {
  const row = messageAt(page, seq);
  await row.hover();
  await row.getByRole('button', { name: 'More actions' }).click();
  await expect(page.getByRole('menu')).toBeVisible();
}

function banner(page: Page) {
  return page.getByRole('region', { name: 'Announcement' });
}

test('an admin pins a message: every member sees it above the chat at once and it opens the message; unpinned, it is gone for all', async ({
  people,
}, testInfo) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  const owen = await people.account('owen');
  await owen.api.befriend(alice.api);
  await owen.api.befriend(bob.api);
  const group = await owen.api.createGroup('Climbing club', [alice.api, bob.api]);
  await owen.api.call('PATCH', `/groups/${group.id}/members/${alice.userId}`, { role: 'admin' });
  const post = (text: string) =>
    owen.api.call('POST', `/conversations/${group.id}/messages`, { clientMsgId: crypto.randomUUID(), text });
  const notice =
    'Saturday’s trip moves to the north wall: meet at the car park at 8:00, bring your own rope and helmet, and tell me by Thursday if you need a lift. 周六八点停车场集合。';
  await post(notice);
  await post('Sounds good');

  await expect(chatItem(alice.page, group.id)).toBeVisible();
  await expect(chatItem(bob.page, group.id)).toBeVisible();
  await openChat(alice, group.id);
  await openChat(bob, group.id);
  await expect(banner(bob.page)).toHaveCount(0);

  // A plain member has no pin in the menu.
  const bobSeq = await seqOf(bob.page, 'Saturday’s trip');
  await openMenu(bob.page, bobSeq);
  await expect(bob.page.getByRole('menuitem', { name: 'Forward' })).toBeVisible();
  await expect(bob.page.getByRole('menuitem', { name: 'Pin as announcement' })).toHaveCount(0);
  await bob.page.keyboard.press('Escape');

  // The admin pins it; Bob sees the banner without doing anything.
  const seq = await seqOf(alice.page, 'Saturday’s trip');
  await openMenu(alice.page, seq);
  await alice.page.getByRole('menuitem', { name: 'Pin as announcement' }).click();
  await expect(alice.page.getByRole('status').getByText('Pinned as the group’s announcement')).toBeVisible();
  await expect(banner(alice.page)).toContainText('Announcement from Owen');
  await expect(banner(bob.page)).toContainText('Announcement from Owen');
  await expect(banner(bob.page)).toContainText('Saturday’s trip moves to the north wall');
  // A member may not take it down.
  await expect(banner(bob.page).getByRole('button', { name: 'Unpin announcement' })).toHaveCount(0);

  await bob.page.screenshot({ path: testInfo.outputPath('announcement-desktop.png') });
  await alice.page.screenshot({ path: testInfo.outputPath('announcement-admin.png') });
  await bob.page.setViewportSize({ width: 390, height: 844 });
  await expect(banner(bob.page)).toBeVisible();
  await bob.page.screenshot({ path: testInfo.outputPath('announcement-390.png') });
  await bob.page.setViewportSize({ width: 1280, height: 800 });

  // Many messages later, after a reload (the pinned one is not held any more), a click on the
  // banner loads back to it and shows it.
  for (let i = 1; i <= 70; i++) await post(`Chatter ${i}`);
  await expect(messageRows(bob.page, 'Chatter 70')).toHaveCount(1);
  await bob.page.reload();
  await expect(messageRows(bob.page, 'Chatter 70')).toHaveCount(1);
  await expect(messageAt(bob.page, seq)).toHaveCount(0);
  await banner(bob.page).getByTestId('announcement').click();
  await expect(messageAt(bob.page, seq)).toBeInViewport();
  await expect(messageAt(bob.page, seq)).toHaveAttribute('data-highlighted', 'true');

  // Unpinned by the admin from the banner: gone for both.
  await banner(alice.page).getByRole('button', { name: 'Unpin announcement' }).click();
  await expect(banner(alice.page)).toHaveCount(0);
  await expect(banner(bob.page)).toHaveCount(0);
});

test('delete for me: one message, then two picked, are gone from my view and stay gone after a reload; the other person still has them', async ({
  people,
}, testInfo) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  await directChat(alice, bob);
  for (const text of ['One: the plan', 'Two: the time', 'Three: the place', 'Four: see you'])
    await write(bob.page, text);
  const [one, two, three] = await Promise.all(
    ['One: the plan', 'Two: the time', 'Three: the place'].map((text) => seqOf(alice.page, text)),
  );

  // One message, from its menu, after a question that says what it means.
  await openMenu(alice.page, one!);
  await alice.page.getByRole('menuitem', { name: 'Delete for me' }).click();
  const single = alice.page.getByRole('dialog', { name: 'Delete message for you?' });
  await expect(single).toContainText('removed from your own devices only');
  await expect(single).toContainText('Everyone else in the chat still sees it');
  await single.getByRole('button', { name: 'Delete for me' }).click();
  await expect(single).toBeHidden();
  await expect(messageRows(alice.page, 'One: the plan')).toHaveCount(0);

  // Two picked, deleted from the selection bar with one question.
  await openMenu(alice.page, two!);
  await alice.page.getByRole('menuitem', { name: 'Select' }).click();
  await messageAt(alice.page, three!).click();
  const bar = alice.page.getByRole('toolbar', { name: 'Selected messages' });
  await expect(bar).toContainText('2 selected');
  await bar.getByRole('button', { name: 'Delete for me' }).click();
  const several = alice.page.getByRole('dialog', { name: 'Delete 2 messages for you?' });
  await expect(several).toContainText('Everyone else in the chat still sees them');
  await alice.page.screenshot({ path: testInfo.outputPath('delete-for-me.png') });
  await several.getByRole('button', { name: 'Delete for me' }).click();
  await expect(several).toBeHidden();
  await expect(bar).toBeHidden();
  await expect(messageRows(alice.page, 'Two: the time')).toHaveCount(0);
  await expect(messageRows(alice.page, 'Three: the place')).toHaveCount(0);
  await expect(messageRows(alice.page, 'Four: see you')).toHaveCount(1);

  // Still gone after a reload; Bob has all four.
  await alice.page.reload();
  await expect(messageRows(alice.page, 'Four: see you')).toHaveCount(1);
  for (const text of ['One: the plan', 'Two: the time', 'Three: the place'])
    await expect(messageRows(alice.page, text)).toHaveCount(0);
  for (const text of ['One: the plan', 'Two: the time', 'Three: the place', 'Four: see you'])
    await expect(messageRows(bob.page, text)).toHaveCount(1);
});
