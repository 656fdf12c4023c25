import { messageLog, messageRows, write } from './support/chat.ts';
import { expect, test } from './support/fixtures.ts';
import {
  confirm,
  friendRow,
  openTab,
  presenceDot,
  requestFriend,
  sidebarTab,
  startFromMenu,
} from './support/people.ts';

/**
 * Friends, through the screens only: Add friend, the Requests tab and its badge, Contacts with
 * presence, a chat started from Contacts, remarks, declining, removing and blocking.
 */

test('a friend request with a note is accepted; then presence, a chat from Contacts and a remark', async ({
  people,
}) => {
  // Many steps, and Bob's tab is closed and opened again.
  test.slow();
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  const note = 'Hi Bob — Alice from the climbing gym 🧗';

  await requestFriend(alice, bob, note);
  // Alice's own Requests tab lists it as sent (not counted on her badge).
  await openTab(alice.page, 'Requests');
  await expect(alice.page.getByTestId('outgoing-request')).toContainText(note);
  await expect(sidebarTab(alice.page, 'Requests')).toHaveAccessibleName('Requests');

  // Bob sees the badge arrive live, and the note with the request.
  await expect(sidebarTab(bob.page, 'Requests')).toHaveAccessibleName(/^1\s*Requests$/);
  await openTab(bob.page, 'Requests');
  const incoming = bob.page.getByTestId('incoming-request');
  await expect(incoming).toHaveCount(1);
  await expect(incoming).toContainText('Alice');
  await expect(incoming).toContainText(`@${alice.username}`);
  await expect(incoming).toContainText(note);
  await incoming.getByRole('button', { name: "Accept Alice's request" }).click();
  await expect(incoming).toHaveCount(0);
  await expect(sidebarTab(bob.page, 'Requests')).toHaveAccessibleName('Requests');

  // Both find each other in Contacts; Alice's request is no longer waiting.
  await openTab(bob.page, 'Contacts');
  await openTab(alice.page, 'Contacts');
  await expect(friendRow(bob.page, alice.userId)).toContainText('Alice');
  const bobRow = friendRow(alice.page, bob.userId);
  await expect(bobRow).toContainText('Bob');
  await expect(bobRow).toContainText(`@${bob.username}`);

  // Presence: Bob is online; closing his only tab takes him offline; coming back, online.
  await expect(presenceDot(bobRow)).toHaveAttribute('data-online', 'true');
  await expect(bobRow).toContainText('Online');
  await bob.page.close();
  await expect(presenceDot(bobRow)).toHaveAttribute('data-online', 'false');
  await expect(bobRow).toContainText('Offline');
  bob.page = await bob.context.newPage();
  await bob.page.goto('/');
  await expect(bob.page.getByTestId('conversation').first()).toBeVisible();
  await expect(presenceDot(bobRow)).toHaveAttribute('data-online', 'true');

  // A private chat, started from Contacts on both sides, delivered live both ways.
  await bobRow.getByRole('button', { name: /Bob/ }).first().click();
  await expect(messageLog(alice.page)).toBeVisible();
  await expect(alice.page.getByRole('heading', { level: 2, name: 'Bob' })).toBeVisible();
  await openTab(bob.page, 'Contacts');
  await friendRow(bob.page, alice.userId).getByRole('button', { name: /Alice/ }).first().click();
  await expect(messageLog(bob.page)).toBeVisible();
  await write(alice.page, 'Bouldering on Thursday?');
  await expect(messageRows(bob.page, 'Bouldering on Thursday?')).toHaveCount(1);
  await write(bob.page, 'Yes! 7pm 好的');
  await expect(messageRows(alice.page, 'Yes! 7pm 好的')).toHaveCount(1);

  // A remark Alice sets is what her list calls Bob (his display name stays beside it).
  await bobRow.getByRole('button', { name: 'More for Bob' }).click();
  await alice.page.getByRole('menuitem', { name: 'Set remark' }).click();
  const remark = alice.page.getByRole('dialog', { name: 'Set remark' });
  await remark.getByLabel('Remark').fill('Bob (climbing)');
  await remark.getByRole('button', { name: 'Save' }).click();
  await expect(remark).toBeHidden();
  await expect(bobRow.getByRole('button', { name: /Bob \(climbing\)/ }).first()).toBeVisible();
  await expect(bobRow).toContainText('Bob (climbing)');
  await expect(alice.page.getByRole('heading', { level: 2, name: 'Bob (climbing)' })).toBeVisible();
  // Only Alice sees it: Bob's name for himself is unchanged on his screen.
  await expect(bob.page.getByTestId('my-name')).toHaveText('Bob');
});

test('a declined request makes no friends, and the sender may ask again', async ({ people }) => {
  const [alice, carol] = await Promise.all([people.signedIn('alice'), people.signedIn('carol')]);
  await requestFriend(carol, alice, 'Carol here, from the book club');
  await openTab(carol.page, 'Requests');
  await expect(carol.page.getByTestId('outgoing-request')).toHaveCount(1);

  await expect(sidebarTab(alice.page, 'Requests')).toHaveAccessibleName(/^1\s*Requests$/);
  await openTab(alice.page, 'Requests');
  const incoming = alice.page.getByTestId('incoming-request');
  await expect(incoming).toContainText('Carol here, from the book club');
  await incoming.getByRole('button', { name: 'Decline Carol' }).click();
  await expect(incoming).toHaveCount(0);
  await expect(sidebarTab(alice.page, 'Requests')).toHaveAccessibleName('Requests');

  // Carol's request is no longer waiting, and neither has the other as a friend.
  await expect(carol.page.getByTestId('outgoing-request')).toHaveCount(0);
  for (const [me, other] of [
    [alice, carol],
    [carol, alice],
  ] as const) {
    await openTab(me.page, 'Contacts');
    await expect(me.page.getByText('No friends yet.', { exact: false })).toBeVisible();
    await expect(friendRow(me.page, other.userId)).toHaveCount(0);
  }
  // In Add friend, Alice shows up for Carol as someone to add again (not "Request sent").
  const dialog = await startFromMenu(carol.page, 'Add friend');
  await dialog.getByRole('searchbox', { name: 'Search people by name or username' }).fill(alice.username);
  await expect(dialog.getByRole('button', { name: 'Add Alice' })).toBeVisible();
});

test('removing a friend takes them off both lists; a blocked friend can no longer write to me', async ({
  people,
}) => {
  const [alice, bob, dave] = await Promise.all([
    people.signedIn('alice'),
    people.signedIn('bob'),
    people.signedIn('dave'),
  ]);
  // Setup, not under test: two friendships and a chat with Dave.
  await alice.api.befriend(bob.api);
  await alice.api.befriend(dave.api);
  const direct = await dave.api.direct(alice.api);
  await openTab(alice.page, 'Contacts');
  await openTab(bob.page, 'Contacts');
  const bobRow = friendRow(alice.page, bob.userId);
  await expect(bobRow).toBeVisible();
  await expect(friendRow(bob.page, alice.userId)).toBeVisible();

  await bobRow.getByRole('button', { name: 'More for Bob' }).click();
  await alice.page.getByRole('menuitem', { name: 'Remove friend' }).click();
  await confirm(alice.page, 'Remove friend?', 'Remove friend');
  await expect(bobRow).toHaveCount(0);
  await expect(friendRow(bob.page, alice.userId)).toHaveCount(0);

  // Alice blocks Dave: his presence is hidden from her, and what he writes to her is refused.
  const daveRow = friendRow(alice.page, dave.userId);
  await expect(presenceDot(daveRow)).toHaveAttribute('data-online', 'true');
  await daveRow.getByRole('button', { name: 'More for Dave' }).click();
  await alice.page.getByRole('menuitem', { name: 'Block' }).click();
  await confirm(alice.page, 'Block this person?', 'Block');
  await expect(presenceDot(daveRow)).toHaveAttribute('data-online', 'false');

  await dave.page.goto(`/#/c/${direct.id}`);
  await expect(messageLog(dave.page)).toBeVisible();
  await write(dave.page, 'Are you there?');
  const mine = messageRows(dave.page, 'Are you there?');
  await expect(mine).toHaveAttribute('data-status', 'failed');
  // The refusal is shown on the message (its wording is the app-wide errors text).
  await expect(dave.page.getByRole('alert')).toBeVisible();
  await expect(messageRows(alice.page, 'Are you there?')).toHaveCount(0);
});
