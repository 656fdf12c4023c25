import type { Page } from '@playwright/test';
import { expectAccessible, expectOneH1, expectOneMain } from './support/axe.ts';
import { chatItem, messageRows, openChat } from './support/chat.ts';
import { expect, test } from './support/fixtures.ts';
import { expectEllipsized, expectNothingCut, expectTextWhole } from './support/layout.ts';
import { openGroupSettings, openTab, startFromMenu } from './support/people.ts';

/**
 * Accessibility of the main screens, checked by axe-core (WCAG 2.1 AA and best practices:
 * a serious or critical finding fails) in the light and the dark theme, plus what axe cannot
 * see: one h1 per screen, a visible focus ring, focus back on the opener when a dialog closes.
 * docs/web-client.md, "Accessibility".
 */

const schemes = ['light', 'dark'] as const;

/** Picks two messages on the screen (a message's menu, Select, then a tap on the other row). */
async function pickTwo(page: Page, first: string, second: string, names = english) {
  const row = messageRows(page, first);
  await row.hover();
  await row.getByRole('button', { name: names.more }).click();
  await page.getByRole('menuitem', { name: names.select }).click();
  await messageRows(page, second).click();
  const bar = page.getByRole('toolbar', { name: names.bar });
  await expect(bar).toContainText(names.two);
  return bar;
}
const english = { more: 'More actions', select: 'Select', bar: 'Selected messages', two: '2 selected' };
const chinese = { more: '更多操作', select: '多选', bar: '已选消息', two: '已选 2 条' };

/** The app follows the system theme until one is chosen in Settings; this is the system's. */
async function switchScheme(page: Page, scheme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: scheme });
  await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
}

test('sign-in and register', async ({ people }, testInfo) => {
  const { page } = await people.visitor();
  for (const scheme of schemes) {
    await switchScheme(page, scheme);
    await page.getByRole('tab', { name: 'Sign in' }).click();
    await expect(page.getByLabel('Username')).toBeVisible();
    await expectOneH1(page);
    await expectAccessible(page, `sign-in (${scheme})`, testInfo);
    await page.getByRole('tab', { name: 'Register' }).click();
    await expect(page.getByLabel('Confirm password')).toBeVisible();
    await expectOneH1(page);
    await expectAccessible(page, `register (${scheme})`, testInfo);
  }
});

test('chats, a direct chat, contacts, requests and the add-friend and create-group dialogs', async ({
  people,
}, testInfo) => {
  const alice = await people.signedIn('alice');
  const [bob, carol] = await Promise.all([people.account('bob'), people.account('carol')]);
  await alice.api.befriend(bob.api);
  const direct = await alice.api.direct(bob.api);
  await bob.api.send(direct.id, 'Hi Alice! Lunch tomorrow?');
  await alice.api.send(direct.id, 'Sure, 12:30 at the usual place 🙂');
  // A request waiting for Alice, so the Requests tab has rows with buttons.
  await carol.api.call('POST', '/friend-requests', { userId: alice.userId });
  const { page } = alice;

  for (const scheme of schemes) {
    await switchScheme(page, scheme);
    await openChat(alice, direct.id);
    await expect(messageRows(page, 'Sure, 12:30 at the usual place')).toBeVisible();
    await expectOneH1(page);
    await expectOneMain(page);
    await expectAccessible(page, `chats and a direct chat (${scheme})`, testInfo);

    await openTab(page, 'Contacts');
    await expect(page.getByRole('list', { name: /Friends/ })).toBeVisible();
    await expectAccessible(page, `contacts (${scheme})`, testInfo);

    await openTab(page, 'Requests');
    await expect(page.getByRole('button', { name: 'Accept' })).toBeVisible();
    await expectAccessible(page, `requests (${scheme})`, testInfo);
    await openTab(page, 'Chats');

    const add = await startFromMenu(page, 'Add friend');
    await add.getByRole('searchbox').fill(carol.username);
    await expect(add.getByRole('list', { name: 'People found' })).toBeVisible();
    await expectAccessible(page, `add friend (${scheme})`, testInfo);
    await page.keyboard.press('Escape');
    await expect(add).toBeHidden();

    const create = await startFromMenu(page, 'Create group');
    await expect(create.getByRole('checkbox', { name: /Bob/ })).toBeVisible();
    await expectAccessible(page, `create group (${scheme})`, testInfo);
    await page.keyboard.press('Escape');
    await expect(create).toBeHidden();
  }
});

test('a group chat with its members, and every settings tab', async ({ people }, testInfo) => {
  const alice = await people.signedIn('alice');
  const [bob, carol] = await Promise.all([people.account('bob'), people.account('carol')]);
  await Promise.all([alice.api.befriend(bob.api), alice.api.befriend(carol.api)]);
  const group = await alice.api.createGroup('Weekend hike 周末徒步', [bob.api, carol.api]);
  await carol.api.send(group.id, '大家好！这周六天气不错。');
  const { page } = alice;

  for (const scheme of schemes) {
    await switchScheme(page, scheme);
    await openChat(alice, group.id);
    await expect(messageRows(page, '大家好！')).toBeVisible();
    await expectAccessible(page, `group chat (${scheme})`, testInfo);

    const settings = await openGroupSettings(page);
    await expect(settings.getByTestId('member')).toHaveCount(3);
    await expectOneH1(page);
    await expectAccessible(page, `group settings and members (${scheme})`, testInfo);
    await page.keyboard.press('Escape');
    await expect(settings).toBeHidden();

    await page.getByRole('button', { name: 'Profile and settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    for (const tab of ['Profile', 'Account', 'Privacy', 'Notifications', 'Appearance']) {
      await dialog.getByRole('tab', { name: tab }).click();
      await expect(dialog.getByRole('tabpanel')).toBeVisible();
      await expectOneH1(page);
      await expectAccessible(page, `settings: ${tab} (${scheme})`, testInfo);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
});

test('on a phone: long names end with "…", the settings tabs wrap, the selection bar reads whole, nothing is cut off', async ({
  people,
}, testInfo) => {
  const phone = { width: 390, height: 844 };
  const alice = await people.signedIn('alice', {
    displayName: 'Alexandra Konstantinopoulou-Wellington',
    viewport: phone,
  });
  const bob = await people.account('bob', 'Bartholomew Maximilian Featherstonehaugh-Cholmondeley');
  await alice.api.befriend(bob.api);
  const direct = await alice.api.direct(bob.api);
  const groupName = 'Extraordinarily long-named weekend hiking club 周末徒步俱乐部';
  const group = await alice.api.createGroup(groupName, [bob.api]);
  await bob.api.send(
    direct.id,
    'Have you seen https://example.com/a/very/long/path/that/never/breaks/anywhere/at/all?',
  );
  await alice.api.send(direct.id, 'Not yet, on my way');
  await bob.api.send(group.id, 'Supercalifragilisticexpialidociousandthensomemorelettersuntilitwraps');
  const { page } = alice;

  for (const scheme of schemes) {
    await switchScheme(page, scheme);
    // The lists: titles shortened with "…", nothing wider than the phone.
    await expect(chatItem(page, group.id)).toBeVisible();
    await expectEllipsized(chatItem(page, group.id).getByText(groupName, { exact: true }));
    await expectEllipsized(chatItem(page, direct.id).getByText(bob.displayName, { exact: true }));
    await expectOneH1(page);
    // The lists are the screen's main landmark now (the chat's is not drawn); axe finds nothing,
    // not even a moderate finding.
    await expectOneMain(page);
    await expectNothingCut(page, `phone lists (${scheme})`);
    await expectAccessible(page, `phone lists (${scheme})`, testInfo, { moderate: true });

    // A chat: the header's title shortened, the composer whole.
    await openChat(alice, group.id);
    await expect(messageRows(page, 'Supercalifragilistic')).toBeVisible();
    await expectEllipsized(page.getByRole('heading', { level: 2 }).getByText(groupName, { exact: true }));
    const composer = page.getByRole('textbox', { name: 'Message' });
    await expect(composer).toBeInViewport({ ratio: 1 });
    await expectOneH1(page);
    await expectOneMain(page);
    await expectNothingCut(page, `phone group chat (${scheme})`);
    await expectAccessible(page, `phone group chat (${scheme})`, testInfo);
    await page.getByRole('button', { name: 'Back' }).click();
    await openChat(alice, direct.id);
    await expect(messageRows(page, 'Have you seen')).toBeVisible();
    await expectEllipsized(
      page.getByRole('heading', { level: 2 }).getByText(bob.displayName, { exact: true }),
    );
    await expectNothingCut(page, `phone direct chat (${scheme})`);
    // Two messages picked: the count and both buttons whole in the bar beneath.
    const bar = await pickTwo(page, 'Have you seen', 'Not yet, on my way');
    await expectTextWhole(bar, `phone selection bar (${scheme})`);
    await expectNothingCut(page, `phone selection bar (${scheme})`);
    await page.keyboard.press('Escape');
    await expect(bar).toBeHidden();
    await page.getByRole('button', { name: 'Back' }).click();

    // Settings fill the screen; the tabs wrap, so every one is in sight at once.
    await page.getByRole('button', { name: 'Profile and settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    const sections = ['Profile', 'Account', 'Privacy', 'Notifications', 'Appearance'];
    for (const tab of sections)
      await expect(settings.getByRole('tab', { name: tab })).toBeInViewport({ ratio: 1 });
    for (const tab of sections) {
      await settings.getByRole('tab', { name: tab }).click();
      await expect(settings.getByRole('tabpanel')).toBeVisible();
      await expectNothingCut(page, `phone settings: ${tab} (${scheme})`);
    }
    await expectAccessible(page, `phone settings (${scheme})`, testInfo);
    await page.keyboard.press('Escape');
    await expect(settings).toBeHidden();

    // The dialogs fit the phone.
    for (const item of ['Add friend', 'Create group'] as const) {
      const dialog = await startFromMenu(page, item);
      await expect(dialog).toBeInViewport({ ratio: 1 });
      await expectNothingCut(page, `phone ${item} (${scheme})`);
      await expectAccessible(page, `phone ${item} (${scheme})`, testInfo);
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    }
  }

  // The selection bar in Chinese, chosen in Settings.
  await page.getByRole('button', { name: 'Profile and settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('tab', { name: 'Appearance' }).click();
  await settings.getByLabel('Language / 语言').selectOption('zh');
  // The dialog's own name changes with the language.
  await expect(page.getByRole('dialog').getByRole('tab', { name: '外观' })).toBeVisible();
  await page.keyboard.press('Escape');
  await openChat(alice, direct.id);
  const bar = await pickTwo(page, 'Have you seen', 'Not yet, on my way', chinese);
  await expectTextWhole(bar, 'phone selection bar (中文)');
  await expectNothingCut(page, 'phone selection bar (中文)');
});

test('keyboard focus shows a ring and comes back to what opened a dialog', async ({ people }) => {
  const alice = await people.signedIn('alice');
  const bob = await people.account('bob');
  await alice.api.befriend(bob.api);
  const group = await alice.api.createGroup('Book club', [bob.api]);
  const { page } = alice;
  await openChat(alice, group.id);

  for (const scheme of schemes) {
    await switchScheme(page, scheme);
    // Tab through the screen: whatever has focus shows a solid ring.
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    const seen = new Set<string>();
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        // Past the last control focus leaves the page for the browser's own bar.
        if (el === document.body) return null;
        const s = getComputedStyle(el);
        const label = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30);
        let ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
        ring ||= s.boxShadow !== 'none';
        // A control hidden in its label (a file input) or covered by a card (a radio) rings its box.
        const holder = el.closest('label');
        if (holder) ring ||= getComputedStyle(holder).outlineStyle !== 'none';
        return { label: `${el.tagName.toLowerCase()} ${label}`, ring };
      });
      if (!focus) continue;
      seen.add(focus.label);
      expect.soft(focus.ring, `a focus ring on ${focus.label} (${scheme})`).toBe(true);
    }
    expect(seen.size).toBeGreaterThan(8);

    // Dialogs give focus back to what opened them: a menu's button, a plain button, a header menu.
    await startFromMenu(page, 'Add friend');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Add friend / Create group' })).toBeFocused();

    await page.getByRole('button', { name: 'Profile and settings' }).click();
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Profile and settings' })).toBeFocused();

    await openGroupSettings(page);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Conversation options' })).toBeFocused();

    await page.getByRole('button', { name: 'Search in this chat' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Search in this chat' })).toBeFocused();
  }
});
