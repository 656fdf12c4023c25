import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { Person } from './fixtures.ts';

/** Steps of the people and group screens (contacts, requests, groups), done as a person does them. */

/** A sidebar tab; its name starts with its badge count when there is one ("1Requests"). */
export function sidebarTab(page: Page, name: 'Chats' | 'Contacts' | 'Requests') {
  return page.getByRole('tab', { name: new RegExp(`${name}$`) });
}

/** The count on a sidebar tab as a person reads it (0 when no badge shows). */
export async function tabCount(page: Page, name: 'Chats' | 'Contacts' | 'Requests'): Promise<number> {
  const text = (await sidebarTab(page, name).innerText()).replace(name, '').trim();
  return text ? Number(text) : 0;
}

export async function openTab(page: Page, name: 'Chats' | 'Contacts' | 'Requests') {
  await sidebarTab(page, name).click();
  await expect(sidebarTab(page, name)).toHaveAttribute('aria-selected', 'true');
}

/** Picks an item from the "+" menu next to my name (Add friend, Create group, Join a group). */
export async function startFromMenu(page: Page, item: 'Add friend' | 'Create group' | 'Join a group') {
  await page.getByRole('button', { name: 'Add friend / Create group' }).click();
  await page.getByRole('menuitem', { name: item }).click();
  const title = item === 'Join a group' ? 'Join a group' : item;
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** A friend's row in the Contacts tab. */
export function friendRow(page: Page, userId: string): Locator {
  return page.locator(`[data-testid="friend"][data-user-id="${userId}"]`);
}

/** The presence dot on a picture: "true" online, "false" offline. */
export function presenceDot(row: Locator): Locator {
  return row.locator('[data-online]').first();
}

/**
 * Finds `to` in Add friend by username and sends a request with `note`; the dialog then says
 * the request went out and is closed.
 */
export async function requestFriend(from: Person, to: Person, note: string) {
  const dialog = await startFromMenu(from.page, 'Add friend');
  await dialog.getByRole('searchbox', { name: 'Search people by name or username' }).fill(to.username);
  const results = dialog.getByRole('list', { name: 'People found' });
  await results.getByRole('button', { name: `Add ${to.displayName}` }).click();
  const noteBox = dialog.getByLabel('Note (they see it with your request)');
  await noteBox.fill(note);
  await dialog.getByRole('button', { name: 'Send request' }).click();
  await expect(dialog.getByRole('status')).toHaveText(
    `Request sent to ${to.displayName}. You will be friends once they accept.`,
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
}

/** Opens the group settings of the chat open now, from the chat header's menu. */
export async function openGroupSettings(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Conversation options' }).click();
  await page.getByRole('menuitem', { name: 'Group settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Group settings' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** One member's row in open group settings. */
export function memberRow(settings: Locator, userId: string): Locator {
  return settings.locator(`[data-testid="member"][data-user-id="${userId}"]`);
}

/** Picks one action from a member's menu in group settings. */
export async function manageMember(page: Page, settings: Locator, member: Person, action: string | RegExp) {
  await memberRow(settings, member.userId)
    .getByRole('button', { name: `Manage ${member.displayName}` })
    .click();
  await page.getByRole('menuitem', { name: action }).click();
}

/** Answers a confirm dialog (Remove friend?, Dissolve group? …) with its action button. */
export async function confirm(page: Page, title: string, action: string) {
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.getByRole('button', { name: action }).click();
  await expect(dialog).toBeHidden();
}
