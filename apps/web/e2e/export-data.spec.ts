import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Conversation } from '@parley/protocol';
import { expect, test } from './support/fixtures.ts';

/** Settings → Account → "Export my data": the browser saves the server's zip. */

test('"Export my data" downloads a zip of my data under a dated name', async ({ people }) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.account('bob')]);
  await alice.api.befriend(bob.api);
  const chat: Conversation = await alice.api.direct(bob.api);
  await bob.api.call('POST', `/conversations/${chat.id}/messages`, {
    clientMsgId: randomUUID(),
    text: 'for the export',
  });

  await alice.page.getByRole('button', { name: 'Profile and settings' }).first().click();
  const dialog = alice.page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Account', exact: true }).click();
  const section = dialog.getByTestId('export-data');
  await expect(section.getByRole('heading', { name: 'Export my data' })).toBeVisible();

  const download = alice.page.waitForEvent('download');
  await section.getByRole('button', { name: 'Export my data' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(
    new RegExp(`^parley-export-${alice.username}-\\d{4}-\\d{2}-\\d{2}\\.zip$`),
  );
  const bytes = readFileSync(await saved.path());
  // A zip, whose directory names the files in it.
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  expect(bytes.includes(Buffer.from('profile.json'))).toBe(true);
  expect(bytes.includes(Buffer.from(`conversations/${chat.id}/messages.json`))).toBe(true);
  await expect(alice.page.getByText(/^Your data export was downloaded \(/)).toBeVisible();
  await expect(section.getByRole('button', { name: 'Export my data' })).toBeEnabled();
});
