import { randomUUID } from 'node:crypto';
import { chatItem, messageRows, openChat } from './support/chat.ts';
import { expect, test } from './support/fixtures.ts';

/** Settings → Account → "Delete my account": said before, confirmed with the password, for good. */

test('deleting my account signs me out; my message stays in the group under "Deleted user"', async ({
  people,
}) => {
  // On a fresh server the first account is its admin, and the only admin may not delete their
  // account: someone else comes first (harmless when others have).
  await people.account('host');
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  await alice.api.befriend(bob.api);
  const group = await alice.api.createGroup('Book club', [bob.api]);
  await alice.api.call('POST', `/conversations/${group.id}/messages`, {
    clientMsgId: randomUUID(),
    text: 'see you on Friday',
  });
  await openChat(bob, group.id);
  await expect(messageRows(bob.page, 'see you on Friday')).toContainText('Alice');

  await alice.page.getByRole('button', { name: 'Profile and settings' }).first().click();
  const dialog = alice.page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Account', exact: true }).click();
  const section = dialog.getByRole('form', { name: 'Delete my account' });
  // What will happen is said before anything is asked.
  await expect(section).toContainText('Your messages stay in others\' chats, shown as "Deleted user"');
  await expect(section).toContainText('This cannot be undone.');
  await section.getByRole('button', { name: 'Delete my account…' }).click();

  await section.getByLabel('Password').fill('not my password');
  await section.getByRole('button', { name: 'Delete my account for good' }).click();
  await expect(section.getByRole('alert')).toHaveText('The password is wrong.');

  await section.getByLabel('Password').fill(alice.password);
  await section.getByRole('button', { name: 'Delete my account for good' }).click();
  await expect(alice.page.getByRole('alert')).toHaveText(
    'Your account was deleted. Your messages stay in others\' chats as "Deleted user".',
  );
  await expect(alice.page.getByRole('button', { name: 'Sign in' })).toBeVisible();

  // Bob still has the message, now under "Deleted user", and the group is his.
  await expect(messageRows(bob.page, 'see you on Friday')).toContainText('Deleted user');
  await expect(chatItem(bob.page, group.id)).toContainText('Book club');
});
