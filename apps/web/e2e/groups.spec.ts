import type { Page } from '@playwright/test';
import { chatItem, messageLog, messageRows, openChat, write } from './support/chat.ts';
import { expect, test } from './support/fixtures.ts';
import {
  confirm,
  manageMember,
  memberRow,
  openGroupSettings,
  openTab,
  sidebarTab,
  startFromMenu,
} from './support/people.ts';

/**
 * Groups through the screens only: creating one from friends, inviting, applying and being let
 * in, then an owner's moderation (admin, mute, kick, rename, join policy), leaving and
 * dissolving. Friendships are set up over REST; they are not what these tests are about.
 */

/** The id of the conversation open in the page's URL (#/c/<id>). */
async function openConversationId(page: Page): Promise<string> {
  await expect(page).toHaveURL(/#\/c\/[^/]+$/);
  return new URL(page.url()).hash.replace('#/c/', '');
}

test('a group made from friends, an invitation accepted, and an application approved', async ({ people }) => {
  // Five people, each in their own browser: longer than one chat test.
  test.slow();
  const [alice, bob, carol, dave, erin] = await Promise.all([
    people.signedIn('alice'),
    people.signedIn('bob'),
    people.signedIn('carol'),
    people.signedIn('dave'),
    people.signedIn('erin'),
  ]);
  await Promise.all([
    alice.api.befriend(bob.api),
    alice.api.befriend(carol.api),
    alice.api.befriend(dave.api),
  ]);
  const name = `Trail runners 越野跑 ${alice.username.slice(-4)}`;

  // Alice creates it with Bob and Carol picked from her friends; it opens for her.
  const create = await startFromMenu(alice.page, 'Create group');
  await create.getByLabel('Group name').fill(name);
  await create.getByRole('checkbox', { name: /Bob/ }).check();
  await create.getByRole('checkbox', { name: /Carol/ }).check();
  await expect(create.getByRole('checkbox', { name: /Dave/ })).not.toBeChecked();
  await expect(create.getByRole('radio', { name: /^With approval/ })).toBeChecked();
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(create).toBeHidden();
  const groupId = await openConversationId(alice.page);
  await expect(alice.page.getByRole('heading', { level: 2, name })).toBeVisible();
  await expect(alice.page.getByText('3 members').first()).toBeVisible();
  // Bob and Carol see it arrive without reloading.
  for (const p of [bob, carol]) await expect(chatItem(p.page, groupId)).toContainText(name);

  // Alice invites Dave from group settings; Bob and Carol show as already in.
  let settings = await openGroupSettings(alice.page);
  await settings.getByRole('button', { name: 'Invite' }).click();
  const invite = alice.page.getByRole('dialog', { name: `Invite to ${name}` });
  await expect(invite.getByRole('checkbox', { name: /Bob/ })).toBeDisabled();
  await invite.getByRole('checkbox', { name: /Dave/ }).check();
  await invite.getByRole('button', { name: 'Invite 1' }).click();
  await expect(invite).toBeHidden();
  await expect(alice.page.getByText('Invitation sent')).toBeVisible();
  await alice.page.keyboard.press('Escape');
  await expect(settings).toBeHidden();

  // Dave is asked (the group's invitations ask first): a badge, then the invitation to accept.
  await expect(sidebarTab(dave.page, 'Requests')).toHaveAccessibleName(/^1\s*Requests$/);
  await openTab(dave.page, 'Requests');
  const invitation = dave.page.getByTestId('group-invitation');
  await expect(invitation).toContainText(name);
  await expect(invitation).toContainText('Alice invited you');
  await invitation.getByRole('button', { name: `Join ${name}` }).click();
  await expect(dave.page).toHaveURL(new RegExp(`#/c/${groupId}$`));
  await expect(messageLog(dave.page)).toBeVisible();
  await expect(sidebarTab(dave.page, 'Requests')).toHaveAccessibleName('Requests');

  // Erin, a stranger, finds it in Join a group; it needs approval, so she applies with a note.
  const join = await startFromMenu(erin.page, 'Join a group');
  await join.getByRole('searchbox', { name: 'Search groups by name' }).fill(name);
  const found = join.getByTestId('group-result').filter({ hasText: name });
  await expect(found).toContainText('Needs approval');
  await found.getByRole('button', { name: `Apply to join ${name}` }).click();
  await found.getByLabel('Note to the admins').fill('Erin — I run the Sunday 10k 🏃');
  await found.getByRole('button', { name: 'Send application' }).click();
  await expect(found).toContainText('Waiting for approval');
  await erin.page.keyboard.press('Escape');

  // Alice, the owner, is told: her Requests badge counts the application, listed with the note.
  await expect(sidebarTab(alice.page, 'Requests')).toHaveAccessibleName(/^1\s*Requests$/);
  // On a device signing in afresh too: the first ask for applications there runs before her
  // groups are known, so the badge must ask again once they are.
  const phone = await people.visitor();
  await phone.page.getByLabel('Username').fill(alice.username);
  await phone.page.getByLabel('Password').fill(alice.password);
  await phone.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(phone.page.getByTestId('my-name')).toHaveText('Alice');
  await expect(sidebarTab(phone.page, 'Requests')).toHaveAccessibleName(/^1\s*Requests$/);
  await phone.context.close();
  await openTab(alice.page, 'Requests');
  const application = alice.page.getByTestId('join-request');
  await expect(application).toContainText('Erin');
  await expect(application).toContainText(`wants to join ${name}`);
  await expect(application).toContainText('I run the Sunday 10k');

  // She lets Erin in from the group's settings, where the application shows too.
  await openChat(alice, groupId);
  settings = await openGroupSettings(alice.page);
  const inSettings = settings.getByTestId('join-request');
  await expect(settings.getByRole('heading', { name: 'Join applications (1)' })).toBeVisible();
  await expect(inSettings).toContainText('I run the Sunday 10k');
  await inSettings.getByRole('button', { name: 'Let Erin in' }).click();
  await expect(inSettings).toHaveCount(0);
  await expect(memberRow(settings, erin.userId)).toBeVisible();
  await expect(settings.getByRole('heading', { name: /^5 members/ })).toBeVisible();
  await alice.page.keyboard.press('Escape');
  await expect(sidebarTab(alice.page, 'Requests')).toHaveAccessibleName('Requests');

  // Erin has the group now and can talk in it.
  await expect(chatItem(erin.page, groupId)).toContainText(name);
  await openChat(erin, groupId);
  await write(erin.page, 'Thanks for having me!');
  await expect(messageRows(alice.page, 'Thanks for having me!')).toContainText('Erin');
});

test('the owner promotes, mutes, kicks, renames and closes the group; one leaves; then it is dissolved', async ({
  people,
}) => {
  test.slow();
  const [alice, bob, carol, dave, erin] = await Promise.all([
    people.signedIn('alice'),
    people.signedIn('bob'),
    people.signedIn('carol'),
    people.signedIn('dave'),
    people.signedIn('erin'),
  ]);
  // Setup: friendships and the group itself (making a group is the test above).
  await Promise.all([
    alice.api.befriend(bob.api),
    alice.api.befriend(carol.api),
    alice.api.befriend(dave.api),
  ]);
  const name = `Book club ${alice.username.slice(-4)}`;
  const group = await alice.api.createGroup(name, [bob.api, carol.api, dave.api]);
  for (const p of [alice, bob, carol, dave]) await expect(chatItem(p.page, group.id)).toBeVisible();
  await Promise.all([alice, bob, carol].map((p) => openChat(p, group.id)));

  // Alice makes Bob an admin: the role shows, and Bob may now manage plain members.
  const settings = await openGroupSettings(alice.page);
  await manageMember(alice.page, settings, bob, 'Make admin');
  await expect(memberRow(settings, bob.userId)).toContainText('Admin');
  const bobSettings = await openGroupSettings(bob.page);
  await expect(memberRow(bobSettings, bob.userId)).toContainText('Admin');
  await expect(
    memberRow(bobSettings, carol.userId).getByRole('button', { name: 'Manage Carol' }),
  ).toBeVisible();
  await bob.page.keyboard.press('Escape');

  // Alice mutes Carol for an hour: the badge shows, and Carol's composer gives way to a notice
  // saying until when she is muted.
  await manageMember(alice.page, settings, carol, 'Mute for 1 hour');
  await expect(memberRow(settings, carol.userId)).toContainText('Muted');
  await expect(carol.page.getByTestId('muted-bar')).toContainText(
    'An admin has muted you in this group until',
  );
  await expect(carol.page.getByRole('textbox', { name: 'Message' })).toHaveCount(0);

  // Alice removes Carol: the group leaves Carol's list and her open chat says it is unavailable.
  await manageMember(alice.page, settings, carol, 'Remove from group');
  await confirm(alice.page, 'Remove from group?', 'Remove from group');
  await expect(memberRow(settings, carol.userId)).toHaveCount(0);
  await expect(chatItem(carol.page, group.id)).toHaveCount(0);
  await expect(carol.page.getByText('This conversation isn’t available.', { exact: false })).toBeVisible();

  // Alice renames it; everyone still in sees the new name.
  const renamed = `${name} — 读书会`;
  await settings.getByLabel('Group name').fill(renamed);
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByRole('button', { name: 'Save' })).toBeHidden();
  for (const p of [bob, dave]) await expect(chatItem(p.page, group.id)).toContainText(renamed);
  await expect(bob.page.getByRole('heading', { level: 2, name: renamed })).toBeVisible();

  // She makes it invitation-only: strangers no longer find it in Join a group.
  const join = await startFromMenu(erin.page, 'Join a group');
  await join.getByRole('searchbox', { name: 'Search groups by name' }).fill(renamed);
  await expect(join.getByTestId('group-result').filter({ hasText: renamed })).toContainText('Needs approval');
  await settings.getByRole('radio', { name: /^Invitation only/ }).check();
  await expect(settings.getByRole('radio', { name: /^Invitation only/ })).toBeChecked();
  await erin.page.keyboard.press('Escape');
  const again = await startFromMenu(erin.page, 'Join a group');
  await again.getByRole('searchbox', { name: 'Search groups by name' }).fill(renamed);
  await expect(again.getByText('No group found.')).toBeVisible();
  await alice.page.keyboard.press('Escape');
  await expect(alice.page.getByRole('heading', { level: 2, name: renamed })).toBeVisible();

  // Bob leaves; Alice's member list loses him.
  const bobLeaving = await openGroupSettings(bob.page);
  await bobLeaving.getByRole('button', { name: 'Leave group' }).click();
  await confirm(bob.page, 'Leave group?', 'Leave group');
  await expect(chatItem(bob.page, group.id)).toHaveCount(0);
  const members = await openGroupSettings(alice.page);
  await expect(memberRow(members, bob.userId)).toHaveCount(0);
  await expect(members.getByRole('heading', { name: /^2 members/ })).toBeVisible();

  // Alice dissolves it: gone for Dave too.
  await members.getByRole('button', { name: 'Dissolve group' }).click();
  await confirm(alice.page, 'Dissolve group?', 'Dissolve group');
  await expect(chatItem(alice.page, group.id)).toHaveCount(0);
  await expect(chatItem(dave.page, group.id)).toHaveCount(0);
});
