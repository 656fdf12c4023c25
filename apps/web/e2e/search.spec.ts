import type { Page } from '@playwright/test';
import { chatItem, directChat, messageAt, messageRows, write } from './support/chat.ts';
import { expect, test } from './support/fixtures.ts';

/** Message search: from the top of the Chats list, and within one chat from its header. */

function searchBox(page: Page) {
  return page.getByRole('searchbox', { name: 'Search chats and messages' });
}

function results(page: Page) {
  return page.getByTestId('search-result');
}

/**
 * Records the seq of every message row that gets highlighted from now on. The highlight lasts
 * 2 s, too short to catch by polling on a busy machine, so the page notes it as it happens.
 */
async function recordHighlights(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { highlighted: string[] }).highlighted = seen;
    const note = (el: Element) => {
      if (el.getAttribute('data-highlighted') === 'true') seen.push(el.getAttribute('data-seq') ?? '');
      el.querySelectorAll('[data-highlighted="true"]').forEach((row) =>
        seen.push(row.getAttribute('data-seq') ?? ''),
      );
    };
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes') note(record.target as Element);
        record.addedNodes.forEach((node) => node instanceof Element && note(node));
      }
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-highlighted'],
    });
  });
}

function highlighted(page: Page) {
  return expect.poll(
    () => page.evaluate(() => (window as unknown as { highlighted: string[] }).highlighted),
    {
      timeout: 20_000,
    },
  );
}

test('searching 北京 finds the Chinese message with the word marked, and opening it shows that message', async ({
  people,
}) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  const id = await directChat(alice, bob);
  await write(alice.page, '我们明天去北京吃烤鸭');
  await write(bob.page, '今天天气很好');
  await write(bob.page, 'Sounds good, see you tomorrow');
  await expect(messageRows(alice.page, 'see you tomorrow')).toBeVisible();
  const seq = await messageRows(alice.page, '我们明天去北京吃烤鸭').getAttribute('data-seq');
  // Enough newer messages that the found one is far above what the chat first loads.
  await alice.page.goto('/#/');
  await alice.page.reload();
  for (let n = 0; n < 120; n += 20)
    await Promise.all(Array.from({ length: 20 }, (_, i) => bob.api.send(id, `Filler ${n + i + 1}`)));
  await expect(chatItem(alice.page, id)).toContainText('Filler');
  await searchBox(alice.page).fill('北京');
  const hit = results(alice.page);
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText('我们明天去北京吃烤鸭');
  await expect(hit).toContainText('Bob');
  await expect(hit.locator('mark')).toHaveText('北京');

  await recordHighlights(alice.page);
  await hit.click();
  await expect(alice.page).toHaveURL(new RegExp(`#/c/${id}$`));
  // Far above the newest page: the chat loads back to it, scrolls there and marks it (for 2 s).
  const found = messageAt(alice.page, seq!);
  await expect(found).toBeInViewport({ timeout: 20_000 });
  await highlighted(alice.page).toContain(seq);
  await expect(found).toContainText('我们明天去北京吃烤鸭');
});

test('a search nothing matches says so, and English matches in any letter case', async ({ people }) => {
  const [carol, dan] = await Promise.all([people.signedIn('carol'), people.signedIn('dan')]);
  const id = await directChat(carol, dan);
  await write(dan.page, 'Lunch at noon? 今天天气很好');
  await expect(messageRows(carol.page, 'Lunch at noon?')).toBeVisible();

  await searchBox(carol.page).fill('上海');
  await expect(carol.page.getByTestId('search-empty')).toHaveText('No messages contain “上海”');
  await expect(results(carol.page)).toHaveCount(0);

  await searchBox(carol.page).fill('NOON');
  await expect(results(carol.page)).toHaveCount(1);
  await expect(results(carol.page).locator('mark')).toHaveText('noon');
  await expect(carol.page.getByTestId('search-empty')).toBeHidden();

  // A chat's name matches at once, above the messages.
  await searchBox(carol.page).fill('dan');
  await expect(chatItem(carol.page, id)).toBeVisible();
  await expect(carol.page.getByTestId('conversation')).toHaveCount(1);

  // Emptying the box brings the chat list back.
  await searchBox(carol.page).fill('');
  await expect(chatItem(carol.page, id)).toBeVisible();
  await expect(results(carol.page)).toHaveCount(0);
});

test('a search within one chat leaves out other chats, and no one finds messages of a chat they are not in', async ({
  people,
}) => {
  const [erin, frank, gina] = await Promise.all([
    people.signedIn('erin'),
    people.signedIn('frank'),
    people.signedIn('gina'),
  ]);
  await erin.api.befriend(gina.api);
  const withGina = await erin.api.direct(gina.api);
  await erin.api.send(withGina.id, '北京的冬天很冷');
  const withFrank = await directChat(erin, frank);
  await write(frank.page, '我们明天去北京吃烤鸭');
  await expect(messageRows(erin.page, '我们明天去北京吃烤鸭')).toBeVisible();

  // Everywhere: both chats' messages.
  await searchBox(erin.page).fill('北京');
  await expect(results(erin.page)).toHaveCount(2);

  // Within Frank's chat: only its own message.
  await erin.page.getByRole('button', { name: 'Search in this chat' }).click();
  const dialog = erin.page.getByRole('dialog', { name: /^Search in Frank/ });
  await dialog.getByRole('searchbox', { name: 'Search this chat’s messages' }).fill('北京');
  await expect(dialog.getByTestId('search-result')).toHaveCount(1);
  await expect(dialog.getByTestId('search-result')).toHaveAttribute('data-conversation-id', withFrank);
  await expect(dialog.getByTestId('search-result')).toContainText('我们明天去北京吃烤鸭');
  await dialog.getByRole('searchbox').fill('冬天');
  await expect(dialog.getByTestId('search-empty')).toBeVisible();
  await dialog.getByRole('searchbox').fill('烤鸭');
  await recordHighlights(erin.page);
  await dialog.getByTestId('search-result').click();
  await expect(dialog).toBeHidden();
  const found = messageRows(erin.page, '我们明天去北京吃烤鸭');
  await expect(found).toBeInViewport();
  await highlighted(erin.page).toContain(await found.getAttribute('data-seq'));

  // Gina is not in Erin and Frank's chat: she finds only the message in her own chat with Erin.
  await searchBox(gina.page).fill('北京');
  await expect(results(gina.page)).toHaveCount(1);
  await expect(results(gina.page)).toHaveAttribute('data-conversation-id', withGina.id);
  await expect(results(gina.page)).toContainText('北京的冬天很冷');
  await searchBox(gina.page).fill('烤鸭');
  await expect(gina.page.getByTestId('search-empty')).toBeVisible();
});
