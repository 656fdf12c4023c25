import { chatItem, directChat, messageLog, messageRows, openChat, write } from './support/chat.ts';
import { expect, test } from './support/fixtures.ts';

/** The smaller things people notice in a chat: typing, drafts, links, markup, the phone layout. */

test('the other person sees "is typing…" while someone writes', async ({ people }) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  await directChat(alice, bob);
  await alice.page.getByRole('textbox', { name: 'Message' }).pressSequentially('Let me think', { delay: 30 });
  await expect(bob.page.getByText('Alice is typing…')).toBeVisible();
  await alice.page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(messageRows(bob.page, 'Let me think')).toHaveCount(1);
  await expect(bob.page.getByText('Alice is typing…')).toBeHidden({ timeout: 15_000 });
});

test('a half-written message is kept per conversation', async ({ people }) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  const id = await directChat(alice, bob);
  const lobbyId = (await alice.api.lobby()).id;
  const box = alice.page.getByRole('textbox', { name: 'Message' });
  await box.fill('Draft for Bob 草稿');
  await openChat(alice, lobbyId);
  await expect(box).toHaveValue('');
  await openChat(alice, id);
  await expect(box).toHaveValue('Draft for Bob 草稿');
  await alice.page.reload();
  await expect(alice.page.getByRole('textbox', { name: 'Message' })).toHaveValue('Draft for Bob 草稿');
  // Nothing was sent.
  await expect(messageRows(bob.page, 'Draft for Bob')).toHaveCount(0);
});

test('markup in a message stays text, and only web links become links', async ({ people }) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  await directChat(alice, bob);
  let dialogs = 0;
  bob.page.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  const markup = '<img src=x onerror="alert(1)"><b>bold?</b>';
  await write(alice.page, markup);
  await write(alice.page, 'Docs: https://example.com/guide?a=1 and javascript:alert(2)');
  const row = messageRows(bob.page, 'bold?');
  await expect(row).toContainText(markup);
  await expect(row.locator('b, img[src="x"]')).toHaveCount(0);
  const links = messageRows(bob.page, 'Docs:').getByRole('link');
  await expect(links).toHaveCount(1);
  await expect(links).toHaveAttribute('href', 'https://example.com/guide?a=1');
  await expect(links).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(links).toHaveAttribute('target', '_blank');
  expect(dialogs).toBe(0);
});

test('on a phone the list and the chat take turns, and Back returns to the list', async ({ people }) => {
  const phone = { width: 390, height: 844 };
  const [alice, bob] = await Promise.all([
    people.signedIn('alice', { viewport: phone }),
    people.signedIn('bob', { viewport: phone }),
  ]);
  const id = await directChat(alice, bob);
  // With the chat open, the list is out of sight.
  await expect(chatItem(alice.page, id)).not.toBeInViewport();
  await write(alice.page, 'From my phone 📱');
  await expect(messageRows(bob.page, 'From my phone 📱')).toHaveCount(1);
  const composer = alice.page.getByRole('textbox', { name: 'Message' });
  await expect(composer).toBeInViewport();
  await alice.page.getByRole('button', { name: 'Back' }).click();
  await expect(chatItem(alice.page, id)).toBeInViewport();
  await expect(messageLog(alice.page)).toHaveCount(0);
  await expect(chatItem(alice.page, id)).toContainText('From my phone 📱');
  // The browser's Back button works the same way.
  await chatItem(alice.page, id).click();
  await expect(composer).toBeInViewport();
  await alice.page.goBack();
  await expect(chatItem(alice.page, id)).toBeInViewport();
});
