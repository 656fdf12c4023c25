import type { Page } from '@playwright/test';
import { chatItem, directChat, messageRows, write } from './support/chat.ts';
import { expect, password, test } from './support/fixtures.ts';
import { makePicture } from './support/files.ts';
import {
  controlVisibility,
  likeAndroidChrome,
  notes,
  setHidden,
  shown,
  spyOnAlerts,
} from './support/alerts.ts';

/** Profile and settings, opened from my card: profile, account, privacy, notifications, appearance. */

async function openSettings(page: Page, tab: string) {
  await page.getByRole('button', { name: 'Profile and settings' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('tab', { name: tab, exact: true }).click();
  return dialog;
}

async function closeSettings(page: Page) {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Settings' })).toHaveCount(0);
}

async function signIn(page: Page, username: string, secret: string) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a new display name and signature reach a friend live and survive a reload', async ({ people }) => {
  // Two browsers and many round trips: on a busy two-core machine this takes > 60 s.
  test.slow();
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  await alice.api.befriend(bob.api);
  await bob.page.getByRole('tab', { name: /Contacts/ }).click();
  const row = bob.page.locator(`[data-testid="friend"][data-user-id="${alice.userId}"]`);
  await expect(row).toContainText('Alice');

  const dialog = await openSettings(alice.page, 'Profile');
  const name = dialog.getByLabel('Display name');
  await expect(name).toHaveValue('Alice');
  // A blank name is refused here, next to the field.
  await name.fill('   ');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Enter a display name.');
  await expect(name).toHaveAttribute('aria-invalid', 'true');

  await name.fill('Alice Liddell');
  await dialog.getByLabel('Signature').fill('Down the rabbit hole 🐇 兔子洞');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(alice.page.getByText('Profile saved')).toBeVisible();
  await expect(alice.page.getByTestId('my-name')).toHaveText('Alice Liddell');
  await expect(row).toContainText('Alice Liddell');
  await expect(row).toContainText('Down the rabbit hole 🐇 兔子洞');

  await alice.page.reload();
  await expect(alice.page.getByTestId('my-name')).toHaveText('Alice Liddell');
  const again = await openSettings(alice.page, 'Profile');
  await expect(again.getByLabel('Signature')).toHaveValue('Down the rabbit hole 🐇 兔子洞');
});

test('a new profile picture is previewed, kept, then removed', async ({ people }) => {
  const carol = await people.signedIn('carol');
  const picture = await makePicture(carol.page, 400, 300, 'Carol');
  const dialog = await openSettings(carol.page, 'Profile');
  // My card in the sidebar (hidden from the accessibility tree while the dialog is open).
  const card = carol.page.locator('button', { has: carol.page.getByTestId('my-name') });
  await expect(card.locator('img')).toHaveCount(0);

  await dialog
    .getByLabel('Choose a picture')
    .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: picture });
  const shown = dialog.getByTestId('settings-avatar');
  await expect(shown).toHaveAttribute('data-preview', 'true');
  await expect(shown.locator('img')).toHaveAttribute('src', /^blob:/);
  await expect(dialog.getByText('Preview — not saved yet')).toBeVisible();
  await dialog.getByRole('button', { name: 'Use this picture' }).click();

  await expect(carol.page.getByText('Profile picture updated')).toBeVisible();
  await expect(shown.locator('img')).toHaveAttribute('src', /^\/avatars\//);
  await expect(card.locator('img')).toHaveAttribute('src', /^\/avatars\//);
  expect((await carol.api.me()).avatar).toMatch(/^\/avatars\//);

  await dialog.getByRole('button', { name: 'Remove picture' }).click();
  await expect(carol.page.getByText('Profile picture removed')).toBeVisible();
  await expect(card.locator('img')).toHaveCount(0);
  expect((await carol.api.me()).avatar).toBeNull();
});

test('changing the password signs the other device out, and the new one signs in', async ({ people }) => {
  // Two browsers and many round trips: on a busy two-core machine this takes > 60 s.
  test.slow();
  const dan = await people.signedIn('dan');
  const other = await people.visitor();
  await signIn(other.page, dan.username, password);
  await expect(other.page.getByTestId('my-name')).toHaveText('Dan');

  const dialog = await openSettings(dan.page, 'Account');
  const fresh = 'a much better passphrase';
  await dialog.getByLabel('Current password').fill('not my password');
  await dialog.getByLabel('New password', { exact: true }).fill(fresh);
  await dialog.getByLabel('Confirm new password').fill(fresh + '!');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog.getByText('The passwords do not match.')).toBeVisible();
  await dialog.getByLabel('Confirm new password').fill(fresh);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog.getByText('The current password is wrong.')).toBeVisible();

  await dialog.getByLabel('Current password').fill(password);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dan.page.getByText('Password changed. Your other devices were signed out.')).toBeVisible();
  await expect(other.page.getByRole('alert')).toHaveText(
    'Your password was changed, so this device was signed out.',
  );
  // This device stays signed in; the devices list now holds only it.
  await expect(dialog.getByTestId('device')).toHaveCount(1);
  await expect(dialog.getByTestId('device')).toContainText('This device');

  await dialog.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(dan.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await signIn(dan.page, dan.username, password);
  await expect(dan.page.getByRole('alert')).toBeVisible();
  await signIn(dan.page, dan.username, fresh);
  await expect(dan.page.getByTestId('my-name')).toHaveText('Dan');
});

test('another device is signed out from the devices list', async ({ people }) => {
  // Two browsers and many round trips: on a busy two-core machine this takes > 60 s.
  test.slow();
  const erin = await people.signedIn('erin');
  const phone = await people.visitor({ viewport: { width: 390, height: 844 } });
  await signIn(phone.page, erin.username, password);
  await expect(phone.page.getByTestId('my-name')).toHaveText('Erin');

  const dialog = await openSettings(erin.page, 'Account');
  const devices = dialog.getByTestId('device');
  await expect(devices).toHaveCount(2);
  await expect(devices.first()).toContainText('This device');
  await expect(devices.first().getByRole('button')).toHaveCount(0);
  const otherRow = devices.filter({ hasNotText: 'This device' });
  await otherRow.getByRole('button', { name: /^Sign out / }).click();

  await expect(devices).toHaveCount(1);
  await expect(phone.page.getByRole('alert')).toHaveText('This device was signed out from another device.');
  await expect(phone.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(erin.page.getByTestId('my-name')).toHaveText('Erin');
});

test('the dark theme applies at once and is remembered', async ({ people }) => {
  const faye = await people.signedIn('faye');
  const dialog = await openSettings(faye.page, 'Appearance');
  await dialog.getByRole('radio', { name: 'Light' }).check();
  await expect(faye.page.locator('html')).toHaveAttribute('data-theme', 'light');
  await dialog.getByRole('radio', { name: 'Dark' }).check();
  await expect(faye.page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await faye.page.reload();
  await expect(faye.page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const again = await openSettings(faye.page, 'Appearance');
  await expect(again.getByRole('radio', { name: 'Dark' })).toBeChecked();
});

test('with read receipts off, a friend no longer sees my reads', async ({ people }) => {
  // Two browsers and many round trips: on a busy two-core machine this takes > 60 s.
  test.slow();
  const [gus, hana] = await Promise.all([people.signedIn('gus'), people.signedIn('hana')]);
  const id = await directChat(gus, hana);
  await write(gus.page, 'Before: can you see this?');
  await expect(messageRows(gus.page, 'Before:')).toHaveAttribute('data-status', 'read');

  const dialog = await openSettings(hana.page, 'Privacy');
  const receipts = dialog.getByRole('switch', { name: 'Read receipts' });
  await expect(receipts).toBeEnabled();
  await expect(receipts).toHaveAttribute('aria-checked', 'true');
  await receipts.click();
  await expect(receipts).toHaveAttribute('aria-checked', 'false');
  await closeSettings(hana.page);

  await write(gus.page, 'After: and this?');
  await expect(messageRows(hana.page, 'After:')).toBeVisible();
  // Hana has read it (her read cursor moved on the server), yet Gus is not told.
  const seq = Number(await messageRows(hana.page, 'After:').getAttribute('data-seq'));
  await expect
    .poll(async () => (await hana.api.conversations()).find((c) => c.id === id)?.readSeq)
    .toBeGreaterThanOrEqual(seq);
  await gus.page.waitForTimeout(1000);
  await expect(messageRows(gus.page, 'After:')).toHaveAttribute('data-status', 'sent');
});

test('messages from others chime, and notify on the desktop while the tab is hidden', async ({ people }) => {
  // Two browsers and many round trips: on a busy two-core machine this takes > 60 s.
  test.slow();
  const ivan = await people.signedIn('ivan');
  const june = await people.signedIn('june');
  await june.page.addInitScript(spyOnAlerts);
  await june.page.addInitScript(controlVisibility);
  await june.page.reload();
  await expect(june.page.getByTestId('conversation').first()).toBeVisible();
  const id = await directChat(ivan, june);

  // June turns desktop notifications on; the browser asks her, and she allows them.
  const dialog = await openSettings(june.page, 'Notifications');
  const desktop = dialog.getByRole('switch', { name: 'Desktop notifications' });
  await expect(desktop).toHaveAttribute('aria-checked', 'false');
  await desktop.click();
  await expect(desktop).toHaveAttribute('aria-checked', 'true');
  await expect(dialog.getByRole('switch', { name: 'Sound' })).toHaveAttribute('aria-checked', 'true');
  await closeSettings(june.page);

  // The chat she is looking at: no chime, no notification. Her own message: neither.
  await write(ivan.page, 'Visible: you are looking at this');
  await expect(messageRows(june.page, 'Visible:')).toBeVisible();
  await write(june.page, 'Mine: I wrote this');
  await expect(messageRows(ivan.page, 'Mine:')).toBeVisible();
  await june.page.waitForTimeout(300);
  expect(await notes(june.page)).toBe(0);
  expect(await shown(june.page)).toEqual([]);

  // Back at the lists, in the foreground: a chime only.
  await june.page.evaluate(() => (location.hash = '#/'));
  await write(ivan.page, 'Listed: a new message');
  await expect(chatItem(june.page, id)).toContainText('Listed: a new message');
  await expect.poll(() => notes(june.page)).toBe(2);
  expect(await shown(june.page)).toEqual([]);

  // In the background: a desktop notification too, which opens the chat when clicked.
  await setHidden(june.page, true);
  await june.page.waitForTimeout(1100);
  await write(ivan.page, 'Hidden: are you there?');
  await expect.poll(() => shown(june.page)).toEqual([{ title: 'Ivan', body: 'Hidden: are you there?' }]);
  await expect.poll(() => notes(june.page)).toBe(4);
  await june.page.evaluate(() => (window as unknown as { shown: { click(): void }[] }).shown[0]!.click());
  await expect(june.page).toHaveURL(new RegExp(`#/c/${id}$`));

  // June mutes this chat from its menu: even in the background it stays silent.
  const mute = async (item: string) => {
    await june.page.getByRole('button', { name: 'Conversation options' }).click();
    await june.page.getByRole('menuitem', { name: item }).click();
  };
  await mute('Mute notifications');
  await expect(chatItem(june.page, id).getByLabel('Notifications muted')).toBeVisible();
  await june.page.waitForTimeout(1100);
  await write(ivan.page, 'Muted: shh');
  await expect(chatItem(june.page, id)).toContainText('Muted: shh');
  expect(await notes(june.page)).toBe(4);
  expect(await shown(june.page)).toHaveLength(1);

  // Unmuted but with the sound off: a background message notifies without a chime.
  await mute('Unmute notifications');
  await expect(chatItem(june.page, id).getByLabel('Notifications muted')).toHaveCount(0);
  const again = await openSettings(june.page, 'Notifications');
  await again.getByRole('switch', { name: 'Sound' }).click();
  await expect(again.getByRole('switch', { name: 'Sound' })).toHaveAttribute('aria-checked', 'false');
  await closeSettings(june.page);
  await june.page.waitForTimeout(1100);
  await write(ivan.page, 'Quiet: no sound please');
  await expect.poll(async () => (await shown(june.page)).length).toBe(2);
  expect((await shown(june.page))[1]).toEqual({ title: 'Ivan', body: 'Quiet: no sound please' });
  expect(await notes(june.page)).toBe(4);
});

test('where a page may not show notifications itself (Chrome on Android), the service worker shows them and opens the chat', async ({
  people,
}) => {
  const ivan = await people.signedIn('ivan');
  const kate = await people.signedIn('kate');
  await kate.page.addInitScript(controlVisibility);
  await kate.page.addInitScript(likeAndroidChrome);
  await kate.page.reload();
  await expect(kate.page.getByTestId('conversation').first()).toBeVisible();
  await kate.page.evaluate(async () => void (await navigator.serviceWorker.ready));
  const id = await directChat(ivan, kate);

  const dialog = await openSettings(kate.page, 'Notifications');
  await dialog.getByRole('switch', { name: 'Desktop notifications' }).click();
  await expect(dialog.getByRole('switch', { name: 'Desktop notifications' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await closeSettings(kate.page);
  await kate.page.evaluate(() => (location.hash = '#/'));
  await setHidden(kate.page, true);
  await kate.page.waitForTimeout(1100);
  await write(ivan.page, 'Hidden: from your phone');

  const fromWorker = () =>
    kate.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return (await registration.getNotifications()).map((n) => ({
        title: n.title,
        body: n.body,
        conversationId: (n.data as { conversationId?: string } | null)?.conversationId,
      }));
    });
  await expect
    .poll(fromWorker)
    .toEqual([{ title: 'Ivan', body: 'Hidden: from your phone', conversationId: id }]);

  // Tapping it runs the worker's notificationclick handler; a test cannot tap a system
  // notification, so it calls what the handler calls, in the worker: Kate's window opens the chat.
  const worker = kate.context.serviceWorkers()[0]!;
  await worker.evaluate(
    (conversationId) =>
      (self as unknown as { parleyOpenConversation(id: string): Promise<void> }).parleyOpenConversation(
        conversationId,
      ),
    id,
  );
  await expect(kate.page).toHaveURL(new RegExp(`#/c/${id}$`));
});
