import { chatItem, messageRows, openChat, write } from './support/chat.ts';
import { expect, test } from './support/fixtures.ts';

/** A group of three friends: names on others' messages, @mentions and the [@me] mark. */

test('a group message with an @mention reaches everyone and marks the chat for the one mentioned', async ({
  people,
}) => {
  const [alice, bob, carol] = await Promise.all([
    people.signedIn('alice'),
    people.signedIn('bob'),
    people.signedIn('carol', { displayName: '王芳' }),
  ]);
  await alice.api.befriend(bob.api);
  await alice.api.befriend(carol.api);
  const group = await alice.api.createGroup('周末徒步 Weekend hike', [bob.api, carol.api]);
  for (const p of [alice, bob, carol])
    await expect(chatItem(p.page, group.id)).toContainText('周末徒步 Weekend hike');
  await openChat(alice, group.id);
  await openChat(carol, group.id);

  // Alice types @ and a few letters of Bob's name, and picks him from the list.
  const box = alice.page.getByRole('textbox', { name: 'Message' });
  await box.pressSequentially('@bo');
  const mentions = alice.page.getByRole('listbox', { name: 'Mention someone' });
  await expect(mentions.getByRole('option', { name: /Bob/ })).toBeVisible();
  await box.press('Enter');
  await expect(box).toHaveValue(`@${bob.username} `);
  await box.pressSequentially('周六去爬山吗？');
  await box.press('Enter');

  // Carol, in the chat, sees it under Alice's name.
  const onCarol = messageRows(carol.page, '周六去爬山吗？');
  await expect(onCarol).toHaveCount(1);
  await expect(onCarol).toContainText('Alice');
  // Bob, on his lists, sees the unread count and that he was mentioned.
  const item = chatItem(bob.page, group.id);
  await expect(item).toContainText('[@me]');
  await expect(item.getByRole('status', { name: '1 unread message' })).toBeVisible();

  await openChat(bob, group.id);
  await expect(messageRows(bob.page, '周六去爬山吗？')).toHaveCount(1);
  await expect(item).not.toContainText('[@me]');
  await write(bob.page, '好啊 count me in');
  await expect(messageRows(alice.page, 'count me in')).toContainText('Bob');
  await expect(messageRows(carol.page, 'count me in')).toContainText('Bob');
});
