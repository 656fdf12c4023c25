import { chatItem, messageLog, messageRows, openChat } from './support/chat.ts';
import { expect, test } from './support/fixtures.ts';

/** A long conversation: it opens at the newest message, and older pages load going up. */

test('a long unread history opens at the bottom and jumps back to the first unread message', async ({
  people,
}) => {
  const [alice, bob] = await Promise.all([people.signedIn('alice'), people.account('bob')]);
  await alice.api.befriend(bob.api);
  const { id } = await alice.api.direct(bob.api);
  // The chat must be in Alice's list, and no list reload in flight, before the burst: a reload
  // answered from before some of the messages overwrites the counts they added (reported).
  await expect(chatItem(alice.page, id)).toBeVisible();
  await alice.page.waitForLoadState('networkidle');
  const total = 130;
  for (let n = 1; n <= total; n += 1) await bob.api.send(id, `Message ${n} 第${n}条`);
  await expect(
    chatItem(alice.page, id).getByRole('status', { name: `${total} unread messages` }),
  ).toBeVisible();

  await openChat(alice, id);
  await expect(messageRows(alice.page, `Message ${total} 第${total}条`)).toBeInViewport();
  const pill = alice.page.getByRole('button', { name: `${total} new messages` });
  await pill.click();
  // Two pages back: the "New messages" line and the first unread message right under it.
  await expect(alice.page.getByTestId('unread-divider')).toBeInViewport({ timeout: 20_000 });
  await expect(messageRows(alice.page, /^Message 1 第1条/)).toBeInViewport();
  await expect(pill).toBeHidden();
  await expect(messageLog(alice.page).getByText('This is the beginning of the conversation')).toBeVisible();

  // Back down with the button that appears once away from the bottom.
  await alice.page.getByRole('button', { name: 'Go to the latest messages' }).click();
  await expect(messageRows(alice.page, `Message ${total} 第${total}条`)).toBeInViewport();
  await expect(chatItem(alice.page, id).getByRole('status')).toHaveCount(0);
});
