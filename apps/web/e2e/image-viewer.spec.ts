import type { Page } from '@playwright/test';
import { directChat, messageLog } from './support/chat.ts';
import { makePicture, sendPicture } from './support/files.ts';
import { expect, test } from './support/fixtures.ts';

/** The picture viewer: who sent it, when, its caption; zoom; previous and next; Escape. */

function zoomLevel(page: Page) {
  return page.getByTestId('image-viewer').getByRole('status', { name: 'Zoom' });
}

test('pictures open full screen with sender, time and caption; arrows walk them, zoom works, Escape returns', async ({
  people,
}) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  const id = await directChat(alice, bob);
  const pictures = [
    ['lake.png', 'West Lake 西湖', 'The lake at dawn'],
    ['tower.png', 'Leifeng Pagoda', ''],
    ['tea.png', 'Longjing tea', 'Tea fields, 龙井'],
  ] as const;
  for (const [name, label, caption] of pictures)
    await sendPicture(alice.api, id, name, await makePicture(bob.page, 900, 600, label), caption);
  const log = messageLog(bob.page);
  await expect(log.getByRole('button', { name: /^Open picture/ })).toHaveCount(3);

  // The middle one: sender, position and no caption.
  const tower = log.getByRole('button', { name: 'Open picture tower.png' });
  await tower.click();
  const viewer = bob.page.getByRole('dialog', { name: /Alice/ });
  await expect(viewer).toBeVisible();
  await expect(viewer.getByRole('heading', { name: /Alice/ })).toBeVisible();
  await expect(viewer.locator('time')).toContainText(/Today \d{1,2}:\d{2}/);
  await expect(viewer).toContainText('2 / 3');
  await expect(viewer.getByTestId('viewer-caption')).toHaveCount(0);
  await expect(viewer.getByRole('img', { name: 'tower.png' })).toBeVisible();

  // → goes to the next, with its caption; ← twice to the first; no "previous" there.
  await bob.page.keyboard.press('ArrowRight');
  await expect(viewer).toContainText('3 / 3');
  await expect(viewer.getByTestId('viewer-caption')).toHaveText('Tea fields, 龙井');
  await expect(viewer.getByRole('button', { name: 'Next picture' })).toHaveCount(0);
  await bob.page.keyboard.press('ArrowLeft');
  await viewer.getByRole('button', { name: 'Previous picture' }).click();
  await expect(viewer).toContainText('1 / 3');
  await expect(viewer.getByTestId('viewer-caption')).toHaveText('The lake at dawn');
  await expect(viewer.getByRole('button', { name: 'Previous picture' })).toHaveCount(0);
  await expect(viewer.getByRole('img', { name: 'The lake at dawn' })).toBeVisible();

  // Zoom with the buttons and the keyboard; back to the actual size.
  await expect(zoomLevel(bob.page)).toHaveText('100%');
  await viewer.getByRole('button', { name: 'Zoom in' }).click();
  await expect(zoomLevel(bob.page)).not.toHaveText('100%');
  const zoomed = Number((await zoomLevel(bob.page).innerText()).replace('%', ''));
  expect(zoomed).toBeGreaterThan(100);
  await bob.page.keyboard.press('+');
  await expect
    .poll(async () => Number((await zoomLevel(bob.page).innerText()).replace('%', '')))
    .toBeGreaterThan(zoomed);
  await viewer.getByRole('button', { name: 'Actual size' }).click();
  await expect(zoomLevel(bob.page)).toHaveText('100%');

  // A download link for the original.
  await expect(viewer.getByRole('link', { name: 'Download' })).toHaveAttribute('download', 'lake.png');

  // Escape closes, and the focus is on the picture shown last (the first one), in the chat.
  await bob.page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
  await expect(log.getByRole('button', { name: 'Open picture lake.png' })).toBeFocused();
});

test('on a phone a swipe goes to the next picture', async ({ people }) => {
  const [alice, bob] = await Promise.all([
    people.signedIn('alice'),
    people.signedIn('bob', { viewport: { width: 390, height: 844 } }),
  ]);
  const id = await directChat(alice, bob);
  for (const [name, label] of [
    ['one.png', 'One'],
    ['two.png', 'Two'],
  ] as const)
    await sendPicture(alice.api, id, name, await makePicture(bob.page, 600, 900, label), '');
  const log = messageLog(bob.page);
  await log.getByRole('button', { name: 'Open picture one.png' }).click();
  const viewer = bob.page.getByTestId('image-viewer');
  await expect(viewer.getByRole('img', { name: 'one.png' })).toBeVisible();

  // A finger moved from right to left over the picture.
  const box = (await viewer.getByRole('img', { name: 'one.png' }).boundingBox())!;
  const y = box.y + box.height / 2;
  await bob.page.mouse.move(box.x + box.width * 0.8, y);
  await bob.page.mouse.down();
  await bob.page.mouse.move(box.x + box.width * 0.5, y, { steps: 4 });
  await bob.page.mouse.move(box.x + box.width * 0.2, y, { steps: 4 });
  await bob.page.mouse.up();
  await expect(viewer.getByRole('img', { name: 'two.png' })).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Previous picture' })).toBeVisible();
});
