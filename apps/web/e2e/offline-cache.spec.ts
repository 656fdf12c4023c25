import type { Conversation } from '@parley/protocol';
import type { Page } from '@playwright/test';
import { chatItem, directChat, messageRows, write } from './support/chat.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * Offline first: the app opens from the service worker and IndexedDB with no network, shows
 * the conversations and their recent history, and what is written meanwhile leaves once,
 * when the network is back, even across reloads.
 */

const offlineBanner = 'Offline — reconnecting';

test('with no network a reload shows the chats and recent messages, and what is written then is delivered once', async ({
  people,
}) => {
  // Reloads, two of them offline, and a reconnect: slow on a busy machine.
  test.setTimeout(180_000);
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  const conversationId = await directChat(alice, bob);
  await bob.api.send(conversationId, 'Before the tunnel 进隧道之前');
  await expect(messageRows(alice.page, 'Before the tunnel 进隧道之前')).toHaveCount(1);
  // The app shell must be precached before the network goes (a person's second visit).
  await alice.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // And the device has written down what it shows: the cache is written a moment after a
  // change (or as the page goes), and a reload within that moment on a busy machine can
  // outrun the write that pagehide starts. A person's tunnel comes later than that.
  await expect
    .poll(() => cachedPreview(alice.page, alice.userId, conversationId))
    .toContain('Before the tunnel');

  await alice.context.setOffline(true);
  await alice.page.reload();
  const banner = alice.page.getByRole('status').filter({ hasText: offlineBanner });
  await expect(banner).toBeVisible();
  await expect(chatItem(alice.page, conversationId)).toBeVisible();
  await expect(chatItem(alice.page, conversationId)).toContainText('Before the tunnel');
  // The chat was open (its address is in the URL): its history comes from the cache.
  await expect(messageRows(alice.page, 'Before the tunnel 进隧道之前')).toHaveCount(1);

  await write(alice.page, 'Written in the tunnel 在隧道里写的');
  const pending = messageRows(alice.page, 'Written in the tunnel');
  await expect(pending).toHaveAttribute('data-status', 'sending');
  // Still offline, the page is reloaded again: the unsent message is still there, waiting.
  await alice.page.reload();
  await expect(banner).toBeVisible();
  await expect(pending).toHaveCount(1);
  await expect(pending).toHaveAttribute('data-status', 'sending');
  await expect(messageRows(bob.page, 'Written in the tunnel')).toHaveCount(0);

  await alice.context.setOffline(false);
  await expect(banner).toBeHidden({ timeout: 20_000 });
  await expect(messageRows(bob.page, 'Written in the tunnel 在隧道里写的')).toHaveCount(1);
  await expect(pending).not.toHaveAttribute('data-status', 'sending');
  // No second copy turns up a little later, on either side, nor on the server.
  await bob.page.waitForTimeout(1500);
  await expect(messageRows(bob.page, 'Written in the tunnel')).toHaveCount(1);
  await expect(messageRows(alice.page, 'Written in the tunnel')).toHaveCount(1);
  const page = await bob.api.call<{ messages: { text: string }[] }>(
    'GET',
    `/conversations/${conversationId}/messages?limit=50`,
  );
  expect(page.messages.filter((m) => m.text.startsWith('Written in the tunnel'))).toHaveLength(1);
});

test('two tabs writing offline both keep their messages, and both are delivered once', async ({ people }) => {
  test.setTimeout(180_000);
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.account('bob')]);
  await alice.api.befriend(bob.api);
  const conversationId = (await alice.api.direct(bob.api)).id;
  await alice.page.evaluate(async () => void (await navigator.serviceWorker.ready));
  // A second tab of the same browser: same storage, its own outbox.
  const tabs = [alice.page, await alice.context.newPage()];
  await tabs[1]!.goto(`/#/c/${conversationId}`);
  await alice.page.goto(`/#/c/${conversationId}`);
  for (const tab of tabs) await expect(messageRows(tab, 'You are now friends')).toHaveCount(1);

  await alice.context.setOffline(true);
  for (const [n, tab] of tabs.entries()) {
    await expect(tab.getByRole('status').filter({ hasText: offlineBanner })).toBeVisible();
    await write(tab, `From tab ${n + 1}`);
    await expect(messageRows(tab, `From tab ${n + 1}`)).toHaveAttribute('data-status', 'sending');
  }
  // Both tabs close before the network returns: their messages are only in IndexedDB now.
  for (const tab of tabs) await tab.close({ runBeforeUnload: true });
  const again = await alice.context.newPage();
  await again.goto(`/#/c/${conversationId}`);
  for (const n of [1, 2]) await expect(messageRows(again, `From tab ${n}`)).toHaveCount(1);

  await alice.context.setOffline(false);
  const delivered = async () => {
    const page = await bob.api.call<{ messages: { text: string }[] }>(
      'GET',
      `/conversations/${conversationId}/messages?limit=50`,
    );
    return page.messages
      .map((m) => m.text)
      .filter((t) => t.startsWith('From tab'))
      .sort();
  };
  await expect.poll(delivered, { timeout: 30_000 }).toEqual(['From tab 1', 'From tab 2']);
  for (const n of [1, 2])
    await expect(messageRows(again, `From tab ${n}`)).not.toHaveAttribute('data-status', 'sending');
  await again.waitForTimeout(1500);
  expect(await delivered()).toEqual(['From tab 1', 'From tab 2']);
});

test('signing out deletes the chats kept on the device', async ({ people }) => {
  const alice = await people.signedIn('alice');
  const lobby = await alice.api.lobby();
  await expect(chatItem(alice.page, lobby.id)).toBeVisible();
  const databases = () =>
    alice.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
  await expect.poll(databases).toContain(`parley-${alice.userId}`);

  await alice.page.getByRole('button', { name: 'Add friend / Create group' }).click();
  await alice.page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(alice.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect.poll(databases).not.toContain(`parley-${alice.userId}`);
});

test('a group made while the conversation list is loading still shows up', async ({ people }) => {
  test.setTimeout(90_000);
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  await alice.api.befriend(bob.api);
  let made: Conversation | null = null;
  let held = false;
  const frames: string[] = [];
  alice.page.on('websocket', (ws) => ws.on('framereceived', (frame) => frames.push(String(frame.payload))));
  // The first list request after the reload reaches the server, and its answer is held back
  // until the group exists and its events reached the page: the answer is stale on arrival.
  await alice.page.route('**/api/v1/conversations', async (route) => {
    if (held || route.request().method() !== 'GET') return route.fallback();
    held = true;
    const response = await route.fetch();
    const group = await bob.api.createGroup('Made meanwhile 同时建的群', [alice.api]);
    await expect.poll(() => frames.some((f) => f.includes(group.id))).toBe(true);
    made = group;
    await route.fulfill({ response });
  });
  await alice.page.reload();
  await expect.poll(() => made).not.toBeNull();
  await expect(chatItem(alice.page, made!.id)).toBeVisible();
  await expect(chatItem(alice.page, made!.id)).toContainText('Made meanwhile 同时建的群');
});

/** The last message's text the device's cache keeps for a conversation ('' when none). */
function cachedPreview(page: Page, userId: string, conversationId: string): Promise<string> {
  return page.evaluate(
    ([name, id]) =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open(name!);
        open.onerror = () => resolve('');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('state')) return resolve('');
          const read = db.transaction('state').objectStore('state').get('conversations');
          read.onerror = () => resolve('');
          read.onsuccess = () => {
            const list = (read.result ?? []) as Conversation[];
            resolve(list.find((c) => c.id === id)?.lastMessage?.text ?? '');
            db.close();
          };
        };
      }),
    [`parley-${userId}`, conversationId],
  );
}
