import { randomBytes } from 'node:crypto';
import { type Browser, type BrowserContext, type Page, expect, test as base } from '@playwright/test';
import type { AuthResult } from '@parley/protocol';
import { Api } from './api.ts';

/**
 * One person in a test: their own browser context (own storage, own socket), their page, and
 * a REST client with their token for setup steps.
 */
export interface Person extends Account {
  context: BrowserContext;
  page: Page;
}

/** Someone who only acts over REST in a test: no browser, so no second of Chromium to pay. */
export interface Account {
  username: string;
  displayName: string;
  password: string;
  userId: string;
  api: Api;
}

export interface PersonOptions {
  displayName?: string;
  /** An image (a path, or name + type + bytes) chosen as the profile picture while registering. */
  avatar?: string | { name: string; mimeType: string; buffer: Buffer };
  /** Browser locale; the app picks Chinese for any zh locale. Default en-US. */
  locale?: string;
  viewport?: { width: number; height: number };
}

export const password = 'correct horse battery';

/** `alice` → `alice_k3f9x2` — unique across the run, since every test shares one server. */
export function uniqueName(base: string): string {
  return `${base}_${randomBytes(4).toString('hex')}`;
}

export interface People {
  /** Opens a context and registers through the UI (the Register tab), as a person would. */
  register(base: string, options?: PersonOptions): Promise<Person>;
  /** Registers over REST and opens the app already signed in (for tests not about signing up). */
  signedIn(base: string, options?: PersonOptions): Promise<Person>;
  /** Registers over REST only, for someone whose screen the test never looks at. */
  account(base: string, displayName?: string): Promise<Account>;
  /** A fresh context with no one signed in, on the sign-in screen. */
  visitor(options?: PersonOptions): Promise<{ context: BrowserContext; page: Page }>;
}

async function newContext(browser: Browser, baseURL: string, options: PersonOptions, auth?: AuthResult) {
  const context = await browser.newContext({
    baseURL,
    locale: options.locale ?? 'en-US',
    timezoneId: 'UTC',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    permissions: ['microphone', 'notifications'],
  });
  // Signed in as the app keeps a session, before its first script runs. An init script rather
  // than storageState, which opens and loads an extra page per context (about a second on two
  // cores); the marker makes it a one-off, so a sign-out followed by a reload stays signed out.
  if (auth) {
    await context.addInitScript(
      (session) => {
        if (localStorage.getItem('e2e.seeded')) return;
        localStorage.setItem('parley.session', session);
        localStorage.setItem('e2e.seeded', '1');
      },
      JSON.stringify({ token: auth.token, user: auth.user }),
    );
  }
  return context;
}

/**
 * Waits until the app is live: the conversation list (every account has the lobby) is loaded
 * only after the socket's hello, so from here on a change made over REST reaches the page as
 * an event. Setting things up before this races the first load: a group made while the list
 * is in flight is missed until the next hello (ConversationsModel.refresh reuses the request
 * in flight), which a person would hardly ever hit but a test easily does.
 */
async function ready(page: Page) {
  await expect(page.getByTestId('conversation').first()).toBeVisible();
}

export const test = base.extend<{ people: People; serverUrl: string }>({
  // Playwright reads the fixtures a fixture needs from its first parameter's pattern.
  // eslint-disable-next-line no-empty-pattern
  serverUrl: async ({}, provide) => {
    const url = process.env.PARLEY_E2E_URL;
    if (!url) throw new Error('PARLEY_E2E_URL is not set: run through playwright.config.ts (global setup)');
    await provide(url);
  },
  baseURL: async ({ serverUrl }, provide) => provide(serverUrl),
  people: async ({ browser, serverUrl }, provide, testInfo) => {
    const contexts: BrowserContext[] = [];
    const open = async (options: PersonOptions, auth?: AuthResult) => {
      const context = await newContext(browser, serverUrl, options, auth);
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (err) =>
        testInfo.annotations.push({ type: 'pageerror', description: err.message }),
      );
      // Not until 'load': the tests wait for what they need to see next, and with five people
      // opening at once on two cores a font or icon can hold 'load' past any sane timeout.
      await page.goto('/', { waitUntil: 'domcontentloaded' });
      return { context, page };
    };
    await provide({
      async visitor(options = {}) {
        return open(options);
      },
      async register(base, options = {}) {
        const username = uniqueName(base);
        const displayName = options.displayName ?? base[0]!.toUpperCase() + base.slice(1);
        const { context, page } = await open(options);
        await page.getByRole('tab', { name: 'Register' }).click();
        if (options.avatar) await page.getByLabel('Choose a profile picture').setInputFiles(options.avatar);
        await page.getByLabel('Username').fill(username);
        await page.getByLabel('Display name').fill(displayName);
        await page.getByLabel('Password', { exact: true }).fill(password);
        await page.getByLabel('Confirm password').fill(password);
        await page.getByRole('button', { name: 'Create account' }).click();
        await expect(page.getByTestId('my-name')).toHaveText(displayName);
        await ready(page);
        const token = await page.evaluate(
          () => JSON.parse(localStorage.getItem('parley.session')!).token as string,
        );
        const api = new Api(serverUrl, token);
        const me = await api.me();
        return { username, displayName, password, userId: me.id, context, page, api };
      },
      async account(base, displayName = base[0]!.toUpperCase() + base.slice(1)) {
        const username = uniqueName(base);
        const auth = await Api.register(serverUrl, username, displayName, password);
        return { username, displayName, password, userId: auth.user.id, api: new Api(serverUrl, auth.token) };
      },
      async signedIn(base, options = {}) {
        const username = uniqueName(base);
        const displayName = options.displayName ?? base[0]!.toUpperCase() + base.slice(1);
        const auth = await Api.register(serverUrl, username, displayName, password);
        const { context, page } = await open(options, auth);
        await expect(page.getByTestId('my-name')).toHaveText(displayName);
        await ready(page);
        return {
          username,
          displayName,
          password,
          userId: auth.user.id,
          context,
          page,
          api: new Api(serverUrl, auth.token),
        };
      },
    });
    for (const context of contexts) await context.close().catch(() => {});
  },
});

export { expect };
