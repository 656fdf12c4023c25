import { directChat, messageRows, write } from './support/chat.ts';
import { expect, test } from './support/fixtures.ts';

/** Writing with no network: the message waits and leaves, exactly once, when the network is back. */

test('a message written offline is delivered once when the connection returns', async ({ people }) => {
  // Noticing the cut (missed heartbeats) and waiting out the reconnect backoff take a while:
  // the client does not yet reconnect at once on the browser's 'online' event.
  test.setTimeout(90_000);
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.signedIn('bob')]);
  await directChat(alice, bob);

  await alice.context.setOffline(true);
  await expect(alice.page.getByRole('status').filter({ hasText: 'Offline — reconnecting' })).toBeVisible({
    timeout: 40_000,
  });
  await write(alice.page, 'Written on the train 在火车上写的');
  const pending = messageRows(alice.page, 'Written on the train');
  await expect(pending).toHaveCount(1);
  await expect(pending).toHaveAttribute('data-status', 'sending');
  await write(alice.page, 'And a second one');

  await alice.context.setOffline(false);
  await expect(alice.page.getByRole('status').filter({ hasText: 'Offline — reconnecting' })).toBeHidden({
    timeout: 40_000,
  });
  await expect(messageRows(bob.page, 'Written on the train 在火车上写的')).toHaveCount(1);
  await expect(messageRows(bob.page, 'And a second one')).toHaveCount(1);
  await expect(pending).not.toHaveAttribute('data-status', 'sending');
  // In order, and no duplicate appears a little later either.
  const texts = await bob.page.getByTestId('message').allTextContents();
  expect(texts.findIndex((t) => t.includes('Written on the train'))).toBeLessThan(
    texts.findIndex((t) => t.includes('And a second one')),
  );
  await bob.page.waitForTimeout(1500);
  await expect(messageRows(bob.page, 'Written on the train')).toHaveCount(1);
  await expect(messageRows(alice.page, 'Written on the train')).toHaveCount(1);
  // The server stored it once.
  const conversations = await bob.api.conversations();
  expect(conversations.find((c) => c.kind === 'direct')?.unreadCount).toBe(0);
});
