import { useState } from 'react';

/**
 * Focus goes back to whatever opened a dialog when it closes (WCAG 2.4.3). Radix does this
 * only for its own Dialog.Trigger; ours open from menu items, rows and code, so a dialog
 * remembers the element that had focus as it opened. An item of a dropdown menu stands for
 * the button that opened the menu: the item is gone by the time the dialog closes.
 */

/** The element focused last; the menu item's case needs it, since a removed item takes focus with it. */
let lastFocused: HTMLElement | null = null;
document.addEventListener('focusin', (e) => {
  lastFocused = opener(e.target);
});

function opener(target: EventTarget | null): HTMLElement | null {
  if (!(target instanceof HTMLElement) || target === document.body) return null;
  // Radix labels a menu by its trigger's id.
  const menu = target.closest('[role="menu"]');
  if (menu) {
    const trigger = document.getElementById(menu.getAttribute('aria-labelledby') ?? '');
    return trigger instanceof HTMLElement ? trigger : null;
  }
  return target;
}

/**
 * Props for a Radix Dialog.Content: note the opener as the dialog opens, focus it on close.
 * The opener is read while rendering the opening, not in Radix's onOpenAutoFocus: a field
 * with autoFocus takes focus during the commit, and then Radix never calls that.
 */
export function useReturnFocus(open: boolean) {
  const [wasOpen, setWasOpen] = useState(false);
  const [from, setFrom] = useState<HTMLElement | null>(null);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setFrom(openerNow());
  }
  return {
    onCloseAutoFocus: (e: Event) => {
      if (!from?.isConnected) return;
      e.preventDefault();
      from.focus({ preventScroll: true });
    },
  };
}

function openerNow(): HTMLElement | null {
  return opener(document.activeElement) ?? (lastFocused?.isConnected ? lastFocused : null);
}
