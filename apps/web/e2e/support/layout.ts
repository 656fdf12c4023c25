import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** Layout checks for small screens: nothing sticks out of the window, no text is cut mid-word. */

/**
 * Every drawn element either lies within the window's width or is held by a scrolling or
 * clipping box that does (a row of tabs that scrolls sideways is fine); and no element cuts its
 * own text without an ellipsis. Lists the offenders, so a failure names them.
 */
export async function expectNothingCut(page: Page, screen: string) {
  const problems = await page.evaluate(findCut);
  expect.soft(problems, `${screen}: cut or sticking out`).toEqual([]);
}

/**
 * Every word in `box` shows whole: no text runs past the box or the window, and none is
 * shortened, not even with an ellipsis (for a bar whose few words all matter: "2 selected"
 * beside its buttons). Lists the offenders, so a failure names them.
 */
export async function expectTextWhole(box: Locator, screen: string) {
  await expect(box).toBeVisible();
  // Measured in the fonts it is drawn in (the Chinese font loads when Chinese is first shown).
  await box.evaluate(() => document.fonts.ready.then(() => true));
  const problems = await box.evaluate(findClippedText);
  expect.soft(problems, `${screen}: text cut or shortened`).toEqual([]);
}

/** Runs in the page: the drawn texts in `root` that are clipped, shortened or sticking out. */
export function findClippedText(root: Element): string[] {
  const out: string[] = [];
  const bounds = root.getBoundingClientRect();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent!.trim();
    const el = node.parentElement!;
    if (!text || el.closest('.visually-hidden, [hidden], svg')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    // Not drawn: a label hidden on this screen.
    if (r.width === 0 || r.height === 0) continue;
    if (r.left < Math.max(bounds.left, 0) - 1 || r.right > Math.min(bounds.right, window.innerWidth) + 1)
      out.push(`"${text}" reaches ${Math.round(r.left)}…${Math.round(r.right)}`);
    // An ellipsis draws over the text but leaves it as wide as it was: the box scrolls.
    for (let up: Element | null = el; up && root.contains(up); up = up.parentElement) {
      const s = getComputedStyle(up);
      if (s.overflowX !== 'visible' && up.scrollWidth > up.clientWidth + 1) {
        out.push(`"${text}" is cut to ${up.clientWidth} of ${up.scrollWidth}px`);
        break;
      }
    }
  }
  return out;
}

/** A long name shown on one line that ends with "…", inside the window. */
export async function expectEllipsized(text: Locator) {
  await expect(text).toBeVisible();
  const box = await text.evaluate((inner) => {
    // The box that clips: the text's own, or the nearest around it (a name inside a button).
    let el: Element = inner;
    const clips = (e: Element) =>
      getComputedStyle(e).display !== 'inline' && getComputedStyle(e).overflowX !== 'visible';
    while (!clips(el) && el.parentElement) el = el.parentElement;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return {
      ellipsis: s.textOverflow === 'ellipsis' && s.whiteSpace === 'nowrap',
      truncated: el.scrollWidth > el.clientWidth,
      right: r.right,
      width: window.innerWidth,
    };
  });
  expect(box.ellipsis, 'ends with an ellipsis').toBe(true);
  expect(box.truncated, 'is long enough to be shortened').toBe(true);
  expect(box.right).toBeLessThanOrEqual(box.width);
}

/** Runs in the page: what sticks out of the window or cuts its text. */
export function findCut(): string[] {
  const width = window.innerWidth;
  const out: string[] = [];
  const name = (el: Element) =>
    `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
  const inside = (r: DOMRect) => r.left >= -1 && r.right <= width + 1;
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.visually-hidden, [hidden], svg, emoji-picker')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (!inside(r)) {
      let held = false;
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        const s = getComputedStyle(up);
        if (s.overflowX !== 'visible' && inside(up.getBoundingClientRect())) {
          held = true;
          break;
        }
      }
      if (!held) out.push(`${name(el)} reaches ${Math.round(r.left)}…${Math.round(r.right)} of ${width}px`);
    }
    const clips = style.overflowX === 'hidden' || style.overflowX === 'clip';
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
    if (clips && ownText && el.scrollWidth > el.clientWidth + 1 && style.textOverflow !== 'ellipsis')
      out.push(`${name(el)} cuts its text (${el.scrollWidth} in ${el.clientWidth}px) without an ellipsis`);
  }
  return out;
}
