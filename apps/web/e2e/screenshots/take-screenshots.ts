import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { Api } from '../support/api.ts';
import { chatItem, messageRows, openChat } from '../support/chat.ts';
import { expect, test } from '../support/fixtures.ts';
import { makePicture } from '../support/files.ts';
import { repoRoot } from '../support/server.ts';

/**
 * The screenshots in docs/screenshots: Alice's view of a small, lived-in server (a friend
 * who writes in Chinese and English, a group with a picture in it), on a desktop and a phone,
 * light and dark; the people in it (a member's card over the group, who is online on a phone);
 * and the sign-in screen in Chinese.
 */

const out = (name: string) => path.join(repoRoot, 'docs/screenshots', `${name}.png`);
const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

async function openAs(browser: Browser, baseURL: string, api: Api, scheme: 'light' | 'dark', size = desktop) {
  const me = await api.me();
  const context = await browser.newContext({
    baseURL,
    locale: 'en-US',
    viewport: size,
    deviceScaleFactor: 1,
    colorScheme: scheme,
    isMobile: size === phone,
    hasTouch: size === phone,
    storageState: {
      cookies: [],
      origins: [
        {
          origin: baseURL,
          localStorage: [{ name: 'parley.session', value: JSON.stringify({ token: api.token, user: me }) }],
        },
      ],
    },
  });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByTestId('my-name')).toBeVisible();
  return { context, page };
}

async function settle(page: Page) {
  await page.evaluate(() => document.fonts.ready);
  await page.mouse.move(0, 0);
  await page.waitForTimeout(600);
}

test('docs screenshots', async ({ browser, people, serverUrl }) => {
  const painter = await people.visitor();
  const portrait = await makePicture(painter.page, 256, 256, '🙂 A');
  const alice = await people.register('alice', {
    displayName: 'Alice Chen',
    avatar: { name: 'alice.png', mimeType: 'image/png', buffer: portrait },
  });
  const bob = await people.signedIn('bob', { displayName: 'Bob Li 李波' });
  const carol = await people.signedIn('carol', { displayName: '王芳' });

  await alice.api.befriend(bob.api);
  await alice.api.befriend(carol.api);
  await bob.api.befriend(carol.api);
  const direct = await alice.api.direct(bob.api);
  const group = await alice.api.createGroup('周末徒步 Weekend hike', [bob.api, carol.api]);

  const chat = [
    [bob, 'Hey Alice! Are we still on for Saturday?'],
    [alice, 'Yes! 周六早上八点，西湖边见 🙂'],
    [bob, '好的，我带咖啡 ☕'],
    [alice, 'Perfect. I will bring the map.'],
  ] as const;
  for (const [who, text] of chat) await who.api.send(direct.id, text);
  const groupChat = [
    [carol, '大家好！这周六天气不错，适合爬山。'],
    [bob, 'Count me in. Which trail?'],
    [carol, '北高峰，大概三个小时。'],
  ] as const;
  for (const [who, text] of groupChat) await who.api.send(group.id, text);

  // A picture in the group, sent through the app as a person would.
  await openChat(carol, group.id);
  const photo = await makePicture(carol.page, 1200, 800, '北高峰 ⛰');
  const chooser = carol.page.waitForEvent('filechooser');
  await carol.page.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles({ name: 'trail.png', mimeType: 'image/png', buffer: photo });
  await expect(carol.page.getByRole('button', { name: 'Open picture trail.png' })).toBeVisible();
  await alice.api.send(group.id, 'Looks great! 我也去 🎉');

  for (const scheme of ['light', 'dark'] as const) {
    const { context, page } = await openAs(browser, serverUrl, alice.api, scheme);
    await openChat({ ...alice, page, context }, group.id);
    await expect(page.getByRole('button', { name: 'Open picture trail.png' }).locator('img')).toBeVisible();
    await expect(messageRows(page, 'Looks great!')).toBeVisible();
    await expect(chatItem(page, direct.id)).toBeVisible();
    await settle(page);
    await page.screenshot({ path: out(`desktop-${scheme}`) });
    if (scheme === 'light') {
      // Carol's card, opened from her name over her message, with what Alice can do.
      await messageRows(page, '北高峰，大概三个小时')
        .getByRole('button', { name: carol.displayName, exact: true })
        .click();
      const card = page.getByRole('dialog', { name: carol.displayName, exact: true });
      await expect(card.getByRole('button', { name: 'Message' })).toBeVisible();
      await settle(page);
      await page.screenshot({ path: out('person-card-light') });
    }
    await context.close();

    const small = await openAs(browser, serverUrl, alice.api, scheme, phone);
    await openChat({ ...alice, page: small.page, context: small.context }, direct.id);
    await expect(messageRows(small.page, 'I will bring the map')).toBeVisible();
    await settle(small.page);
    await small.page.screenshot({ path: out(`phone-${scheme}`) });
    if (scheme === 'dark') {
      // The group's online list, a sheet from the bottom: Bob and Carol have it open too.
      await small.page.getByRole('button', { name: 'Back' }).click();
      await openChat({ ...alice, page: small.page, context: small.context }, group.id);
      await small.page.getByRole('button', { name: '2 online — show who' }).click();
      const online = small.page.getByTestId('online-list');
      await expect(online.getByRole('heading', { name: 'Online — 2' })).toBeVisible();
      await settle(small.page);
      await small.page.screenshot({ path: out('phone-online-dark') });
    }
    await small.context.close();
  }

  const zh = await browser.newContext({ baseURL: serverUrl, locale: 'zh-CN', viewport: desktop });
  const signIn = await zh.newPage();
  await signIn.goto('/');
  await expect(signIn.getByRole('tab', { name: '登录' })).toBeVisible();
  await settle(signIn);
  await signIn.screenshot({ path: out('signin-zh') });
  await zh.close();
});
