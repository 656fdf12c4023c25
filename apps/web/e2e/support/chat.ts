import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { Person } from './fixtures.ts';

/** Small steps every chat test takes, written as a person does them. */

/** The conversation's row in the Chats list. */
export function chatItem(page: Page, conversationId: string) {
  return page.locator(`[data-testid="conversation"][data-conversation-id="${conversationId}"]`);
}

/** Opens a conversation from the Chats list and waits for its message log. */
export async function openChat(person: Person, conversationId: string) {
  const { page } = person;
  // The tab's name starts with its unread count when there is one.
  await page.getByRole('tab', { name: /Chats$|消息$/ }).click();
  await chatItem(page, conversationId).click();
  await expect(page).toHaveURL(new RegExp(`#/c/${conversationId}$`));
  await expect(messageLog(page)).toBeVisible();
}

export function messageLog(page: Page) {
  return page.getByRole('log', { name: /^Messages$|^消息/ });
}

/** Message rows (stored and pending) whose text contains `text`. */
export function messageRows(page: Page, text: string | RegExp) {
  return messageLog(page).getByTestId('message').filter({ hasText: text });
}

/** Types into the composer and presses Enter. */
export async function write(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: /^Message$|^消息$/ });
  await box.fill(text);
  await box.press('Enter');
  await expect(box).toHaveValue('');
}

/** Two people who are friends, with their direct conversation open on both screens. */
export async function directChat(a: Person, b: Person): Promise<string> {
  await a.api.befriend(b.api);
  const conversation = await a.api.direct(b.api);
  await expect(chatItem(a.page, conversation.id)).toBeVisible();
  await expect(chatItem(b.page, conversation.id)).toBeVisible();
  await openChat(a, conversation.id);
  await openChat(b, conversation.id);
  return conversation.id;
}

/** One stored message by its sequence number (stable even when replies quote its text). */
export function messageAt(page: Page, seq: string | number) {
  return messageLog(page).locator(`[data-testid="message"][data-seq="${seq}"]`);
}
