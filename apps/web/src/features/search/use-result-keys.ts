import type { KeyboardEvent } from 'react';

/** Every result a person can open: chats, people, groups, messages, in the order shown. */
const items =
  '[data-testid="conversation"], [data-person-id], [data-search-item], [data-testid="search-result"]';

/**
 * Arrow keys through the search results: ↓ from the box goes to the first result, ↑ and ↓
 * move between results (Enter opens one, as any button), ↑ from the first goes back to the
 * box. Put on an element holding both the box and the results.
 */
export function onResultKeys(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const root = e.currentTarget;
  const list = [...root.querySelectorAll<HTMLElement>(items)];
  const box = root.querySelector<HTMLInputElement>('input[type="search"]');
  const target = e.target as HTMLElement;
  const at = list.findIndex((el) => el === target);
  if (target === box) {
    if (e.key !== 'ArrowDown' || list.length === 0) return;
    e.preventDefault();
    list[0]!.focus();
    return;
  }
  if (at < 0) return;
  e.preventDefault();
  if (e.key === 'ArrowDown') list[Math.min(at + 1, list.length - 1)]!.focus();
  else if (at === 0) box?.focus();
  else list[at - 1]!.focus();
}
