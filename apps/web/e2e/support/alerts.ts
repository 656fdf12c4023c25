import type { Page } from '@playwright/test';

/**
 * Stands in for the browser's Notification and AudioContext (a headless browser shows no
 * notifications and plays no sound): the app's own code runs unchanged and is observed
 * through what it asks the browser to do. Init scripts, run in the page before the app: each
 * is sent there on its own, so none may call another.
 */
export function spyOnAlerts() {
  type Shown = { title: string; body: string; tag: string; click(): void };
  const w = window as unknown as {
    shown: Shown[];
    notes: number;
    Notification: unknown;
    AudioContext: typeof AudioContext;
  };
  w.shown = [];
  w.notes = 0;
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
}

/** Lets the test hide the tab (setHidden) as switching to another one would. */
export function controlVisibility() {
  const w = window as unknown as { hidden: boolean };
  w.hidden = false;
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => w.hidden });
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (w.hidden ? 'hidden' : 'visible'),
  });
}

/**
 * Chrome on Android: the page may ask for permission, but constructing a Notification throws;
 * only the service worker's registration.showNotification shows one.
 */
export function likeAndroidChrome() {
  const Real = window.Notification;
  class PageNotification {
    static get permission() {
      return Real.permission;
    }
    static requestPermission() {
      return Real.requestPermission();
    }
    constructor() {
      throw new TypeError(
        "Failed to construct 'Notification': Illegal constructor. Use ServiceWorkerRegistration.showNotification() instead.",
      );
    }
  }
  (window as unknown as { Notification: unknown }).Notification = PageNotification;
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
