import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileChooser, Page } from '@playwright/test';
import { directChat, messageLog, write } from './support/chat.ts';
import { expect, test } from './support/fixtures.ts';
import { makePicture } from './support/files.ts';
import { repoRoot } from './support/server.ts';

/** Pictures, files, stickers, emoji and voice messages, sent by one friend and opened by the other. */

const fixtures = path.join(repoRoot, 'packages/server/test/fixtures/media');

/** Picks files with the paperclip, as a person does (through the file chooser). */
async function attach(page: Page, files: Parameters<FileChooser['setFiles']>[0]) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles(files);
}

test('a picture arrives as a thumbnail and opens full size in the viewer', async ({ people }) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  await directChat(alice, bob);
  const png = await makePicture(alice.page, 1200, 800, 'West Lake 西湖');
  await attach(alice.page, { name: 'west-lake.png', mimeType: 'image/png', buffer: png });

  const open = messageLog(bob.page).getByRole('button', { name: 'Open picture west-lake.png' });
  await expect(open).toBeVisible({ timeout: 20_000 });
  const thumb = open.locator('img');
  await expect(thumb).toHaveAttribute('src', /\/thumbnail/);
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(
    messageLog(alice.page).getByRole('button', { name: 'Open picture west-lake.png' }),
  ).toBeVisible();

  await open.click();
  const viewer = bob.page.getByRole('dialog', { name: 'west-lake.png' });
  await expect(viewer).toBeVisible();
  const full = viewer.getByRole('img', { name: 'west-lake.png' });
  await expect(full).toHaveAttribute('src', /^\/media\/[^/]+$/);
  await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1200);
  await bob.page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
});

test('a file arrives with its name and size and downloads byte for byte', async ({ people }) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  await directChat(alice, bob);
  const file = path.join(fixtures, 'random.bin');
  await attach(alice.page, file);

  const link = messageLog(bob.page).getByRole('link', { name: /^Download random\.bin \(1(\.0)? KB\)$/ });
  await expect(link).toBeVisible({ timeout: 20_000 });
  const download = bob.page.waitForEvent('download');
  await link.click();
  const saved = await (await download).path();
  expect(readFileSync(saved).equals(readFileSync(file))).toBe(true);
  expect((await download).suggestedFilename()).toBe('random.bin');
});

test('a sticker and an emoji picked from their panels reach the other person', async ({ people }) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  await directChat(alice, bob);

  await alice.page.getByRole('button', { name: 'Stickers' }).click();
  const panel = alice.page.getByRole('dialog', { name: 'Stickers' });
  await panel.getByRole('tab', { name: 'Parley' }).click();
  await panel.getByRole('tabpanel').getByRole('button').first().click();
  const sticker = messageLog(bob.page).getByRole('img', { name: /^Sticker/ });
  await expect(sticker).toBeVisible();
  await expect.poll(() => sticker.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await alice.page.keyboard.press('Escape');

  await alice.page.getByRole('button', { name: 'Emoji', exact: true }).click();
  const picker = alice.page.getByRole('dialog', { name: 'Emoji picker' });
  await picker.getByRole('combobox', { name: 'Search' }).fill('grinning');
  await picker.getByRole('option', { name: /^😀, grinning face,/ }).click();
  const box = alice.page.getByRole('textbox', { name: 'Message' });
  await expect(box).toHaveValue('😀');
  // The picker stays open for more picks; Escape closes it and the caret is back in the box.
  await alice.page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await expect(box).toBeFocused();
  await box.pressSequentially(' 早上好');
  await box.press('Enter');
  await expect(messageLog(bob.page).getByText('😀 早上好')).toBeVisible();
});

test('a voice message recorded from the (fake) microphone plays on the other side', async ({ people }) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  await directChat(alice, bob);
  await alice.page.getByRole('button', { name: /^Record voice message/ }).click();
  const recording = alice.page.getByRole('group', { name: 'Recording voice message' });
  await expect(recording).toBeVisible();
  await expect(recording.getByRole('timer')).toHaveAccessibleName(/Recorded 00:0[2-9]/, { timeout: 15_000 });
  await recording.getByRole('button', { name: 'Send' }).click();

  const play = messageLog(bob.page).getByRole('button', { name: 'Play voice message' });
  await expect(play).toBeVisible({ timeout: 20_000 });
  await play.click();
  await expect(messageLog(bob.page).getByRole('button', { name: 'Pause voice message' })).toBeVisible();
  await write(bob.page, 'Heard it 听到了');
});

test('an empty file is refused in the upload tray, and nothing is sent', async ({ people }) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  await directChat(alice, bob);
  await attach(alice.page, { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
  const tray = alice.page.getByRole('list', { name: 'Uploads' });
  await expect(tray.getByRole('alert')).toHaveText('This file is empty.');
  await tray.getByRole('button', { name: 'Dismiss empty.txt' }).click();
  await expect(tray).toHaveCount(0);
  await write(alice.page, 'only text');
  await expect(messageLog(bob.page).getByText('only text')).toBeVisible();
  await expect(messageLog(bob.page).getByRole('link', { name: /empty\.txt/ })).toHaveCount(0);
});
