import type { Page } from '@playwright/test';
import { directChat, messageLog, write } from './support/chat.ts';
import { expect, test } from './support/fixtures.ts';
import { makePicture } from './support/files.ts';

/** The other ways in: paste, drag and drop, cancelling an upload, and hold-to-talk voice. */

/** A File made in the page from bytes the test holds. */
async function fileHandle(page: Page, name: string, type: string, bytes: Buffer) {
  return page.evaluateHandle(
    ([n, t, b64]) => {
      const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([raw], n, { type: t }));
      return dt;
    },
    [name, type, bytes.toString('base64')] as const,
  );
}

test('a picture pasted into the composer and a file dropped on the chat both arrive', async ({ people }) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  await directChat(alice, bob);

  // Paste: a bare picture on the clipboard attaches instead of pasting text.
  const png = await makePicture(alice.page, 640, 400, 'pasted 粘贴');
  const clipboard = await fileHandle(alice.page, 'pasted.png', 'image/png', png);
  const box = alice.page.getByRole('textbox', { name: 'Message' });
  await box.evaluate((el, data) => {
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, clipboard);
  await expect(messageLog(bob.page).getByRole('button', { name: 'Open picture pasted.png' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(box).toHaveValue('');

  // Drop: dragging files over the chat shows the drop hint; letting go sends them.
  const notes = Buffer.from('Trail: 北高峰, start 08:00\n');
  const dragged = await fileHandle(alice.page, 'notes.txt', 'text/plain', notes);
  const pane = alice.page.getByRole('log', { name: /^Messages$/ });
  await pane.dispatchEvent('dragenter', { dataTransfer: dragged });
  await expect(alice.page.getByText('Drop files to send them')).toBeVisible();
  await pane.dispatchEvent('dragover', { dataTransfer: dragged });
  await pane.dispatchEvent('drop', { dataTransfer: dragged });
  await expect(alice.page.getByText('Drop files to send them')).toBeHidden();
  await expect(messageLog(bob.page).getByRole('link', { name: /^Download notes\.txt/ })).toBeVisible({
    timeout: 30_000,
  });
});

test('an upload cancelled on its way sends nothing', async ({ people }) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  await directChat(alice, bob);
  // Hold the upload's data requests back, so there is time to press Cancel while it runs.
  await alice.page.route('**/api/v1/uploads/**', async (route) => {
    if (route.request().method() === 'PATCH') await new Promise((resolve) => setTimeout(resolve, 4000));
    await route.continue().catch(() => {});
  });
  const chooser = alice.page.waitForEvent('filechooser');
  await alice.page.getByRole('button', { name: 'Attach files' }).click();
  await (
    await chooser
  ).setFiles({ name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(300_000, 7) });

  const tray = alice.page.getByRole('list', { name: 'Uploads' });
  await expect(tray.getByRole('progressbar', { name: /big\.bin/ })).toBeVisible();
  await tray.getByRole('button', { name: 'Cancel uploading big.bin' }).click();
  await expect(tray).toHaveCount(0);

  await write(alice.page, 'never mind the file');
  await expect(messageLog(bob.page).getByText('never mind the file')).toBeVisible();
  // Well past the held request: still no file message on either side.
  await alice.page.waitForTimeout(5000);
  await expect(messageLog(bob.page).getByRole('link', { name: /big\.bin/ })).toHaveCount(0);
  await expect(messageLog(alice.page).getByRole('link', { name: /big\.bin/ })).toHaveCount(0);
});

test('holding the microphone records, and letting go sends the voice message', async ({ people }) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  await directChat(alice, bob);
  const mic = alice.page.getByRole('button', { name: /^Record voice message/ });
  await mic.hover();
  await alice.page.mouse.down();
  const recording = alice.page.getByRole('group', { name: 'Recording voice message' });
  await expect(recording).toBeVisible();
  await expect(recording.getByRole('timer')).toHaveAccessibleName(/Recorded 00:0[2-9]/, { timeout: 15_000 });
  await alice.page.mouse.up();
  await expect(recording).toBeHidden();
  await expect(messageLog(bob.page).getByRole('button', { name: 'Play voice message' })).toBeVisible({
    timeout: 30_000,
  });
});
