import { expect, test as shared } from './support/fixtures.ts';
import { type RunningServer, startServer } from './support/server.ts';

/**
 * The lobby every new account joins, and unread counts. Every account registered on a server
 * posts "X joined" in its lobby, so on the server the other specs share, a registration in a
 * test running alongside would become the lobby's newest preview at any moment. These tests
 * get a server of their own (one per worker), where the lobby holds only what they write.
 */
// Playwright reads the fixtures a fixture needs from its first parameter's pattern.
/* eslint-disable no-empty-pattern */
const test = shared.extend<object, { lobbyServer: RunningServer }>({
  lobbyServer: [
    async ({}, provide, workerInfo) => {
      const server = await startServer({}, `lobby-server-${workerInfo.workerIndex}`);
      await provide(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  serverUrl: async ({ lobbyServer }, provide) => provide(lobbyServer.url),
});
/* eslint-enable no-empty-pattern */

test('a new account finds the lobby in its list, with its own join notice inside', async ({ people }) => {
  const hana = await people.register('hana');
  const lobbyId = (await hana.api.lobby()).id;
  const item = hana.page.locator(`[data-testid="conversation"][data-conversation-id="${lobbyId}"]`);
  await expect(item).toBeVisible();
  await item.click();
  await expect(hana.page).toHaveURL(new RegExp(`#/c/${lobbyId}$`));
  const log = hana.page.getByRole('log', { name: 'Messages' });
  await expect(log.getByText('You joined')).toBeVisible();
});

test('a message from someone else in the lobby shows as unread in the list and in the tab title', async ({
  people,
}) => {
  const ivan = await people.signedIn('ivan');
  const judy = await people.account('judy');
  const lobbyId = (await ivan.api.lobby()).id;
  const item = ivan.page.locator(`[data-testid="conversation"][data-conversation-id="${lobbyId}"]`);
  await expect(item).toBeVisible();
  await expect(ivan.page).toHaveTitle('Parley');

  await judy.api.send(lobbyId, 'Hello lobby, 大家好');
  await expect(item.getByRole('status', { name: '1 unread message' })).toHaveText('1');
  await expect(item).toContainText('Judy: Hello lobby, 大家好');
  await expect(ivan.page).toHaveTitle('(1) Parley');
  await expect(ivan.page.getByRole('tab', { name: /Chats/ })).toContainText('1');

  await judy.api.send(lobbyId, 'Second one');
  await expect(item.getByRole('status', { name: '2 unread messages' })).toHaveText('2');
  await expect(ivan.page).toHaveTitle('(2) Parley');

  // Opening it reads it: the badge and the title count go.
  await item.click();
  await expect(ivan.page.getByRole('log', { name: 'Messages' }).getByText('Second one')).toBeVisible();
  await expect(item.getByRole('status')).toHaveCount(0);
  await expect(ivan.page).toHaveTitle('Parley');
});
