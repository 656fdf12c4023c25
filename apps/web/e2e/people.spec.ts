import type { Conversation } from '@parley/protocol';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { chatItem, messageLog, messageRows, openChat } from './support/chat.ts';
import { confirm, memberRow, openGroupSettings } from './support/people.ts';

/**
 * People first: every person on screen opens their card (a message's picture or name, a
 * member, a search result, the direct chat's header), and the card does what applies — add
 * with a note, message, block and unblock, manage a member. A newcomer is shown the way in;
 * the chat list's search finds people and groups; the lobby has a name in Chinese; settings
 * list the people I blocked.
 */

/** A person's card as it opens beside what was clicked (a sheet on a phone), named by their name. */
function card(page: Page, name: string): Locator {
  return page.getByRole('dialog', { name, exact: true });
}

/** The bar above the open chat. */
function chatHeader(page: Page): Locator {
  return page.getByRole('region', { name: 'Conversation' }).locator('header');
}

async function searchChats(page: Page, text: string) {
  await page.getByRole('searchbox', { name: 'Search chats and messages' }).fill(text);
}

test('from a group message a person opens a card, asks to be friends with a note, and the other accepts', async ({
  people,
}) => {
  const carol = await people.account('carol');
  const alice = await people.signedIn('alice');
  const bob = await people.signedIn('bob');
  await carol.api.befriend(alice.api);
  await carol.api.befriend(bob.api);
  const group = await carol.api.createGroup('Book club', [alice.api, bob.api]);
  await bob.api.send(group.id, 'Has anyone read Dune?');

  await openChat(alice, group.id);
  const row = messageRows(alice.page, 'Has anyone read Dune?');
  // The name above the message opens Bob's card: who he is, and that we are not friends yet.
  await row.getByRole('button', { name: 'Bob', exact: true }).click();
  const bobCard = card(alice.page, 'Bob');
  await expect(bobCard).toContainText(`@${bob.username}`);
  await bobCard.getByRole('button', { name: 'Add friend' }).click();
  await bobCard.getByLabel('Note (they see it with your request)').fill('Dune fan here, from the book club');
  await bobCard.getByRole('button', { name: 'Send request' }).click();
  await expect(bobCard.getByRole('status')).toHaveText(
    'Request sent to Bob. You will be friends once they accept.',
  );
  await expect(bobCard).toContainText('Request sent');
  await alice.page.keyboard.press('Escape');
  await expect(bobCard).toBeHidden();

  // Bob opens Alice's card from the same group (her picture this time): she asked, with her note.
  await alice.api.send(group.id, 'Me! Twice.');
  await openChat(bob, group.id);
  await messageRows(bob.page, 'Me! Twice.').getByRole('button', { name: "Alice's profile" }).click();
  const aliceCard = card(bob.page, 'Alice');
  await expect(aliceCard).toContainText('Their note: Dune fan here, from the book club');
  await aliceCard.getByRole('button', { name: 'Accept request' }).click();
  // Friends now: the card closes and our direct chat opens on Bob's screen.
  await expect(aliceCard).toBeHidden();
  const direct = (await bob.api.conversations()).find(
    (c: Conversation) => c.kind === 'direct' && c.peer?.id === alice.userId,
  );
  expect(direct).toBeDefined();
  await expect(bob.page).toHaveURL(new RegExp(`#/c/${direct!.id}$`));

  // On Alice's screen Bob's card now offers Message, which opens the same chat.
  await openChat(alice, group.id);
  await messageRows(alice.page, 'Has anyone read Dune?')
    .getByRole('button', { name: 'Bob', exact: true })
    .click();
  await expect(bobCard.getByRole('button', { name: 'Add friend' })).toHaveCount(0);
  await bobCard.getByRole('button', { name: 'Message' }).click();
  await expect(alice.page).toHaveURL(new RegExp(`#/c/${direct!.id}$`));
  // The direct chat's header opens the card too, with presence: Bob is here.
  await chatHeader(alice.page).getByRole('button', { name: 'Bob', exact: true }).click();
  await expect(bobCard).toContainText('Online');
});

test('a group owner manages a member from their card in the member list', async ({ people }) => {
  const olga = await people.signedIn('olga');
  const pete = await people.account('pete');
  await olga.api.befriend(pete.api);
  const group = await olga.api.createGroup('Chess', [pete.api]);
  await openChat(olga, group.id);
  const settings = await openGroupSettings(olga.page);
  await memberRow(settings, pete.userId).getByRole('button', { name: /^Pete/ }).click();
  const peteCard = card(olga.page, 'Pete');
  await expect(peteCard).toContainText(`@${pete.username}`);
  await peteCard.getByRole('button', { name: 'Manage member' }).click();
  await olga.page.getByRole('menuitem', { name: 'Make admin' }).click();
  await expect(memberRow(settings, pete.userId)).toContainText('Admin');
});

test('block and unblock from a card; the settings list the blocked and unblock them too', async ({
  people,
}) => {
  const quinn = await people.signedIn('quinn');
  const rosa = await people.account('rosa');
  await quinn.api.befriend(rosa.api);
  const direct = await quinn.api.direct(rosa.api);
  await rosa.api.send(direct.id, 'Hi Quinn');
  await openChat(quinn, direct.id);

  await chatHeader(quinn.page).getByRole('button', { name: "Rosa's profile" }).click();
  const rosaCard = card(quinn.page, 'Rosa');
  await rosaCard.getByRole('button', { name: 'Block', exact: true }).click();
  await confirm(quinn.page, 'Block this person?', 'Block');
  await expect(rosaCard).toContainText('You blocked this person.');
  await expect(rosaCard.getByRole('button', { name: 'Message' })).toHaveCount(0);
  await rosaCard.getByRole('button', { name: 'Unblock' }).click();
  await expect(rosaCard.getByRole('button', { name: 'Block', exact: true })).toBeVisible();
  // A block leaves a friendship as it was (PROTOCOL.md): unblocked, she is a friend to message.
  await expect(rosaCard.getByRole('button', { name: 'Message' })).toBeVisible();

  await rosaCard.getByRole('button', { name: 'Block', exact: true }).click();
  await confirm(quinn.page, 'Block this person?', 'Block');
  await expect(rosaCard.getByRole('button', { name: 'Unblock' })).toBeVisible();
  await quinn.page.keyboard.press('Escape');

  await quinn.page.getByRole('button', { name: 'Profile and settings' }).click();
  const dialog = quinn.page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Privacy' }).click();
  const blocked = dialog.locator(`[data-testid="blocked"][data-user-id="${rosa.userId}"]`);
  await expect(blocked).toContainText(`@${rosa.username}`);
  await blocked.getByRole('button', { name: 'Unblock Rosa' }).click();
  await expect(blocked).toHaveCount(0);
  await expect(dialog).toContainText('You have not blocked anyone.');
});

test('a newcomer is shown the way in beside the lobby, and the usual hint once they have a friend', async ({
  people,
}) => {
  const nina = await people.register('nina');
  const lobbyId = (await nina.api.lobby()).id;
  await expect(chatItem(nina.page, lobbyId)).toBeVisible();
  const welcome = nina.page.getByTestId('first-steps');
  await expect(welcome.getByRole('heading', { name: 'Welcome, Nina!' })).toBeVisible();
  await expect(nina.page.getByTestId('first-steps-list')).toBeVisible();

  await welcome.getByRole('button', { name: 'Find people' }).click();
  const add = nina.page.getByRole('dialog', { name: 'Add friend' });
  await expect(add.getByRole('searchbox', { name: 'Search people by name or username' })).toBeFocused();
  await add.getByRole('button', { name: 'Close' }).click();

  await welcome.getByRole('button', { name: 'Join a group' }).click();
  const join = nina.page.getByRole('dialog', { name: 'Join a group' });
  await expect(join).toBeVisible();
  await join.getByRole('button', { name: 'Close' }).click();

  await welcome.getByRole('button', { name: 'Say hello in the lobby' }).click();
  await expect(nina.page).toHaveURL(new RegExp(`#/c/${lobbyId}$`));
  await expect(messageLog(nina.page).getByText('You joined')).toBeVisible();

  // With a friend the welcome gives way to the usual hint.
  const omar = await people.account('omar');
  await nina.api.befriend(omar.api);
  await nina.page.evaluate(() => (location.hash = '#/'));
  await expect(nina.page.getByText('Pick a conversation to start chatting')).toBeVisible();
  await expect(nina.page.getByTestId('first-steps-list')).toHaveCount(0);
});

test('the chat list search finds people and groups and opens them, by mouse and by keyboard', async ({
  people,
}) => {
  const dave = await people.signedIn('dave');
  const erin = await people.account('erin');
  const groupName = `Gardening ${erin.username}`;
  const garden = await erin.api.call<Conversation>('POST', '/groups', {
    name: groupName,
    joinPolicy: 'open',
  });

  await searchChats(dave.page, erin.username);
  const person = dave.page.locator(`[data-testid="person-result"][data-user-id="${erin.userId}"]`);
  await expect(person).toContainText('Erin');
  await person.getByRole('button').click();
  await expect(card(dave.page, 'Erin')).toContainText(`@${erin.username}`);
  await dave.page.keyboard.press('Escape');

  await searchChats(dave.page, groupName);
  const found = dave.page.locator(`[data-testid="group-search-result"][data-group-id="${garden.id}"]`);
  await expect(found).toContainText('1 member');
  // Erin is no longer among the results (the people answer for the new words is in).
  await expect(person).toHaveCount(0);
  // ↓ from the box goes to the first result, Enter opens it: the group's card, to join.
  await dave.page.getByRole('searchbox', { name: 'Search chats and messages' }).press('ArrowDown');
  await expect(found.getByRole('button')).toBeFocused();
  await dave.page.keyboard.press('Enter');
  const preview = dave.page.getByRole('dialog', { name: groupName });
  await preview.getByRole('button', { name: `Join ${groupName}` }).click();
  await expect(dave.page).toHaveURL(new RegExp(`#/c/${garden.id}$`));
  await expect(messageLog(dave.page).getByText('You joined')).toBeVisible();
});

test('in Chinese the lobby is called 大厅', async ({ people }) => {
  const mei = await people.signedIn('mei', { locale: 'zh-CN' });
  const lobbyId = (await mei.api.lobby()).id;
  await expect(chatItem(mei.page, lobbyId)).toContainText('大厅');
  await chatItem(mei.page, lobbyId).click();
  await expect(
    mei.page.getByRole('region', { name: '会话' }).getByRole('heading', { name: '大厅' }),
  ).toBeVisible();
  await mei.page.getByRole('tab', { name: /通讯录$/ }).click();
  await expect(mei.page.locator(`[data-testid="group"][data-conversation-id="${lobbyId}"]`)).toContainText(
    '大厅',
  );
});

test('a group’s online list follows who comes and goes, and opens their card; the lobby has one too', async ({
  people,
}) => {
  const carol = await people.account('carol');
  const alice = await people.signedIn('alice');
  const bob = await people.signedIn('bob');
  await carol.api.befriend(alice.api);
  await carol.api.befriend(bob.api);
  // Alice and Bob are not friends: she sees him online because the group shows presence.
  const group = await carol.api.createGroup('Night owls', [alice.api, bob.api]);
  await openChat(alice, group.id);
  const count = chatHeader(alice.page).getByRole('button', { name: /online — show who$/ });
  await expect(count).toHaveAccessibleName('1 online — show who');
  await count.click();
  const list = alice.page.getByTestId('online-list');
  await expect(list.getByRole('heading', { name: 'Online — 1' })).toBeVisible();
  const bobThere = list.locator(`[data-testid="online-person"][data-user-id="${bob.userId}"]`);
  await expect(bobThere).toContainText('Bob');

  // Bob closes Parley: he leaves the list at once; he comes back, and he is in it again.
  await bob.page.close();
  await expect(bobThere).toHaveCount(0);
  await expect(list).toContainText('No one else is online right now.');
  await expect(count).toHaveAccessibleName('0 online — show who');
  const back = await bob.context.newPage();
  await back.goto('/', { waitUntil: 'domcontentloaded' });
  await expect(bobThere).toBeVisible();
  await expect(count).toHaveAccessibleName('1 online — show who');

  await bobThere.getByRole('button').click();
  await expect(card(alice.page, 'Bob')).toContainText(`@${bob.username}`);
  await alice.page.keyboard.press('Escape');
  await alice.page.keyboard.press('Escape');

  const lobbyId = (await alice.api.lobby()).id;
  await openChat(alice, lobbyId);
  await expect(chatHeader(alice.page).getByRole('button', { name: /online — show who$/ })).toBeVisible();
});
