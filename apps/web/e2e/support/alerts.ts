import type { Page } from '@playwright/test';

/**
 * Stands in for the browser's Notification and AudioContext (a headless browser shows no
 * notifications and plays no sound) and lets the test hide the tab: the app's own code runs
 * unchanged and is observed through what it asks the browser to do.
 */
export function spyOnAlerts() {
  type Shown = { title: string; body: string; tag: string; click(): void };
  const w = window as unknown as {
    shown: Shown[];
    notes: number;
    hidden: boolean;
    Notification: unknown;
    AudioContext: typeof AudioContext;
  };
  w.shown = [];
  w.notes = 0;
  w.hidden = false;
  class FakeNotification {
    static permission = 'default';
    static requestPermission() {
      FakeNotification.permission = 'granted';
      return Promise.resolve('granted');
    }
    onclick: (() => void) | null = null;
    constructor(title: string, options: { body: string; tag: string }) {
      w.shown.push({ title, body: options.body, tag: options.tag, click: () => this.onclick?.() });
    }
    close() {}
  }
  w.Notification = FakeNotification;
  const Real = window.AudioContext;
  w.AudioContext = class extends Real {
    override createOscillator() {
      w.notes += 1;
      return super.createOscillator();
    }
  };
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => w.hidden });
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (w.hidden ? 'hidden' : 'visible'),
  });
}

export async function setHidden(page: Page, hidden: boolean) {
  await page.evaluate((h) => {
    (window as unknown as { hidden: boolean }).hidden = h;
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

export const shown = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { shown: { title: string; body: string }[] }).shown.map((n) => ({
      title: n.title,
      body: n.body,
    })),
  );
/** Oscillator notes started: each chime is two. */
export const notes = (page: Page) => page.evaluate(() => (window as unknown as { notes: number }).notes);
