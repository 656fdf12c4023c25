import type { Conversation } from '@parley/protocol';
import type { Locator, Page } from '@playwright/test';
import { expectAccessible, expectOneH1 } from './support/axe.ts';
import { messageAt, messageLog, messageRows, openChat } from './support/chat.ts';
import { makePicture, sendPicture } from './support/files.ts';
import { expect, type People, test } from './support/fixtures.ts';

/**
 * Accessibility of the people-first screens and the chat's message tools (a11y.spec.ts has the
 * rest): axe-core with no serious or critical finding, in the light and the dark theme, and
 * the focus back on what opened each popover, sheet or dialog once it closes.
 * docs/web-client.md, "Accessibility".
 */

const schemes = ['light', 'dark'] as const;
const phone = { width: 390, height: 844 };

async function switchScheme(page: Page, scheme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: scheme });
  await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
}

function chatHeader(page: Page): Locator {
  return page.getByRole('region', { name: 'Conversation' }).locator('header');
}

/** Escape closes what is open, and the focus is on `opener` again. */
async function closeAndExpectFocusOn(page: Page, shown: Locator, opener: Locator) {
  await page.keyboard.press('Escape');
  await expect(shown).toBeHidden();
  await expect(opener).toBeFocused();
}

/** A group where Bob wrote something; Alice has it open. */
async function groupWithBob(people: People, viewport?: typeof phone) {
  const alice = await people.signedIn('alice', viewport && { viewport });
  const bob = await people.signedIn('bob');
  await alice.api.befriend(bob.api);
  const group = await alice.api.createGroup('Night owls 夜猫子', [bob.api]);
  await bob.api.send(group.id, 'Anyone up for a late walk?');
  await openChat(alice, group.id);
  await expect(messageRows(alice.page, 'Anyone up for a late walk?')).toBeVisible();
  return { alice, bob, group };
}

test('a profile card and the online list, as popovers on a wide screen', async ({ people }, testInfo) => {
  const { alice } = await groupWithBob(people);
  const { page } = alice;
  for (const scheme of schemes) {
    await switchScheme(page, scheme);
    const name = messageRows(page, 'Anyone up for a late walk?').getByRole('button', {
      name: 'Bob',
      exact: true,
    });
    await name.click();
    const card = page.getByRole('dialog', { name: 'Bob', exact: true });
    await expect(card.getByRole('button', { name: 'Message' })).toBeVisible();
    await expectAccessible(page, `profile card (${scheme})`, testInfo);
    await closeAndExpectFocusOn(page, card, name);

    const count = chatHeader(page).getByRole('button', { name: /online — show who$/ });
    await count.click();
    const list = page.getByTestId('online-list');
    await expect(list.getByRole('heading', { name: /^Online — / })).toBeVisible();
    await expect(list.locator('[data-testid="online-person"]')).not.toHaveCount(0);
    await expectAccessible(page, `online list (${scheme})`, testInfo);
    await closeAndExpectFocusOn(page, list, count);
  }
});

test('on a phone the card and the online list are sheets that give the focus back', async ({
  people,
}, testInfo) => {
  const { alice } = await groupWithBob(people, phone);
  const { page } = alice;
  for (const scheme of schemes) {
    await switchScheme(page, scheme);
    const name = messageRows(page, 'Anyone up for a late walk?').getByRole('button', {
      name: 'Bob',
      exact: true,
    });
    await name.click();
    const sheet = page.getByRole('dialog', { name: 'Bob', exact: true });
    await expect(sheet.getByRole('button', { name: 'Message' })).toBeInViewport();
    await expectAccessible(page, `phone profile sheet (${scheme})`, testInfo);
    await closeAndExpectFocusOn(page, sheet, name);

    const count = chatHeader(page).getByRole('button', { name: /online — show who$/ });
    await count.click();
    const list = page.getByTestId('online-list');
    await expect(list.getByRole('heading', { name: /^Online — / })).toBeVisible();
    await expectAccessible(page, `phone online list (${scheme})`, testInfo);
    await closeAndExpectFocusOn(page, list, count);
  }
});

test('the chat list search with people and groups found', async ({ people }, testInfo) => {
  const dave = await people.signedIn('dave');
  const erin = await people.account('erin');
  const garden = await erin.api.call<Conversation>('POST', '/groups', {
    name: `${erin.username} garden club`,
    joinPolicy: 'open',
  });
  const { page } = dave;
  for (const scheme of schemes) {
    await switchScheme(page, scheme);
    await page.getByRole('searchbox', { name: 'Search chats and messages' }).fill(erin.username);
    await expect(page.locator(`[data-testid="person-result"][data-user-id="${erin.userId}"]`)).toBeVisible();
    await expect(
      page.locator(`[data-testid="group-search-result"][data-group-id="${garden.id}"]`),
    ).toBeVisible();
    await expectOneH1(page);
    await expectAccessible(page, `search with people and groups (${scheme})`, testInfo);
    await page.getByRole('searchbox', { name: 'Search chats and messages' }).fill('');
  }
});

test('forward, the selection bar and the picture viewer', async ({ people }, testInfo) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.account('bob')]);
  const carol = await people.account('carol');
  await Promise.all([alice.api.befriend(bob.api), alice.api.befriend(carol.api)]);
  const direct = await alice.api.direct(bob.api);
  await alice.api.direct(carol.api);
  await bob.api.send(direct.id, 'The address is 12 Quay Street');
  await sendPicture(
    bob.api,
    direct.id,
    'harbour.png',
    await makePicture(alice.page, 900, 600, 'Harbour'),
    'The harbour',
  );
  await openChat(alice, direct.id);
  const { page } = alice;
  const row = messageRows(page, 'The address is 12 Quay Street');
  await expect(row).toBeVisible();
  const seq = (await row.getAttribute('data-seq'))!;

  for (const scheme of schemes) {
    await switchScheme(page, scheme);
    // Forward, from the message's menu: the focus comes back to the menu's button.
    const more = messageAt(page, seq).getByRole('button', { name: 'More actions' });
    await messageAt(page, seq).hover();
    await more.click();
    await page.getByRole('menuitem', { name: 'Forward' }).click();
    const forward = page.getByRole('dialog', { name: 'Forward message' });
    await expect(forward.getByRole('checkbox', { name: /Carol/ })).toBeVisible();
    await forward.getByRole('checkbox', { name: /Carol/ }).check();
    await expectAccessible(page, `forward dialog (${scheme})`, testInfo);
    await closeAndExpectFocusOn(page, forward, more);

    // Several picked: the bar, and its Forward dialog gives the focus back to the bar.
    await messageAt(page, seq).hover();
    await more.click();
    await page.getByRole('menuitem', { name: 'Select' }).click();
    const bar = page.getByRole('toolbar', { name: 'Selected messages' });
    await expect(bar).toContainText('1 selected');
    await expectAccessible(page, `selection bar (${scheme})`, testInfo);
    const barForward = bar.getByRole('button', { name: 'Forward' });
    await barForward.click();
    await closeAndExpectFocusOn(page, page.getByRole('dialog', { name: /^Forward/ }), barForward);
    await page.keyboard.press('Escape');
    await expect(bar).toBeHidden();

    // The picture viewer: the focus comes back to the picture.
    const picture = messageLog(page).getByRole('button', { name: 'Open picture harbour.png' });
    await picture.click();
    const viewer = page.getByTestId('image-viewer');
    await expect(viewer.getByRole('img', { name: 'The harbour' })).toBeVisible();
    await expectAccessible(page, `picture viewer (${scheme})`, testInfo);
    await closeAndExpectFocusOn(page, viewer, picture);
  }
});

test('the newcomer welcome, the push switch and the privacy settings with the blocked list', async ({
  people,
}, testInfo) => {
  const nina = await people.register('nina');
  const [rosa, omar] = await Promise.all([people.account('rosa'), people.account('omar')]);
  const { page } = nina;
  const welcome = page.getByTestId('first-steps');
  await expect(welcome.getByRole('heading', { name: 'Welcome, Nina!' })).toBeVisible();
  for (const scheme of schemes) {
    await switchScheme(page, scheme);
    await expectOneH1(page);
    await expectAccessible(page, `newcomer welcome (${scheme})`, testInfo);
  }

  await nina.api.call('PUT', `/blocks/${rosa.userId}`);
  await nina.api.call('PUT', `/blocks/${omar.userId}`);
  const opener = page.getByRole('button', { name: 'Profile and settings' });
  for (const scheme of schemes) {
    await switchScheme(page, scheme);
    await opener.click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('tab', { name: 'Notifications' }).click();
    await expect(settings.getByRole('switch', { name: 'Notify me when Parley is closed' })).toBeVisible();
    await expectAccessible(page, `settings: push switch (${scheme})`, testInfo);

    await settings.getByRole('tab', { name: 'Privacy' }).click();
    const blocked = settings.locator(`[data-testid="blocked"][data-user-id="${rosa.userId}"]`);
    await expect(blocked.getByRole('button', { name: 'Unblock Rosa' })).toBeVisible();
    await expectAccessible(page, `settings: privacy with the blocked (${scheme})`, testInfo);
    await closeAndExpectFocusOn(page, settings, opener);
  }
});
