import type { AuthResult, ServerInfo } from '@parley/protocol';
import type { Browser, BrowserContext, Page, Worker } from '@playwright/test';
import { Api } from './support/api.ts';
import { messageRows } from './support/chat.ts';
import { expect, password, test, uniqueName } from './support/fixtures.ts';
// The server's own push service stand-in: its API tests (push.test.ts) use the same one.
import { PushServiceStandIn, TestDevice } from '../../../packages/server/test/support/push-service.ts';
import { type RunningServer, startServer } from './support/server.ts';

/**
 * Web Push, as far as a browser test can take it without the internet (docs/testing.md):
 *
 * Real: the Settings switch, the permission, the server's VAPID key handed to
 * pushManager.subscribe, the subscription reaching the server through the SDK, the server
 * deciding to push (the recipient has no window open) and sending an encrypted, signed push
 * to the push service's URL, the service worker's push handler (public/push.js) turning the
 * payload into a notification, and the click handler's code opening the chat.
 *
 * Simulated: the browser's push service. Headless Chromium has none it could reach here, so
 * pushManager.subscribe and getSubscription are replaced in the page by a subscription whose
 * keys the test holds and whose endpoint is a stand-in on loopback (the server's
 * test/support/push-service.ts); the test decrypts what the server sent there, as the browser
 * would, and hands the payload to the service worker with DevTools'
 * ServiceWorker.deliverPushMessage, which fires a real push event. A test cannot tap a system
 * notification either: it calls what the notificationclick handler calls, with the
 * notification's own data.
 */

let server: RunningServer;
let pushService: PushServiceStandIn;
test.beforeAll(async () => {
  server = await startServer({ PARLEY_PUSH_HTTP_LOOPBACK: 'true' }, 'push-server');
  pushService = await PushServiceStandIn.start();
});
test.afterAll(async () => {
  await server?.stop();
  await pushService?.close();
});

/** In the page, before the app: the browser's push subscription is `subscription` (see above). */
function simulatePushService(subscription: TestDevice['subscription']) {
  const key = 'e2e.push-subscription';
  const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0)).buffer;
  const made = (appKey: string) => ({
    endpoint: subscription.endpoint,
    expirationTime: null,
    options: { userVisibleOnly: true, applicationServerKey: fromBase64(appKey) },
    toJSON: () => subscription,
    unsubscribe: async () => {
      localStorage.removeItem(key);
      return true;
    },
  });
  PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
    const bytes = new Uint8Array(options!.applicationServerKey as ArrayBuffer);
    const appKey = btoa(String.fromCharCode(...bytes));
    localStorage.setItem(key, appKey);
    return made(appKey) as unknown as PushSubscription;
  };
  PushManager.prototype.getSubscription = async function () {
    const appKey = localStorage.getItem(key);
    return (appKey ? made(appKey) : null) as unknown as PushSubscription | null;
  };
}

interface Device {
  context: BrowserContext;
  api: Api;
  userId: string;
  /** Opens the app in a new tab, signed in, and waits for its list. */
  open(): Promise<Page>;
}

/** Someone with a browser of their own on the push server: signed in, its push service simulated unless `device` is null. */
async function person(browser: Browser, base: string, device: TestDevice | null): Promise<Device> {
  const auth: AuthResult = await Api.register(
    server.url,
    uniqueName(base),
    base[0]!.toUpperCase() + base.slice(1),
    password,
  );
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'en-US',
    timezoneId: 'UTC',
    permissions: ['notifications'],
  });
  await context.addInitScript(
    (session) => {
      if (localStorage.getItem('e2e.seeded')) return;
      localStorage.setItem('parley.session', session);
      localStorage.setItem('e2e.seeded', '1');
    },
    JSON.stringify({ token: auth.token, user: auth.user }),
  );
  if (device) await context.addInitScript(simulatePushService, device.subscription);
  return {
    context,
    api: new Api(server.url, auth.token),
    userId: auth.user.id,
    async open() {
      const page = await context.newPage();
      await page.goto('/', { waitUntil: 'domcontentloaded' });
      await expect(page.getByTestId('conversation').first()).toBeVisible();
      await page.evaluate(async () => void (await navigator.serviceWorker.ready));
      return page;
    },
  };
}

async function openNotificationSettings(page: Page) {
  await page.getByRole('button', { name: 'Profile and settings' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Notifications', exact: true }).click();
  return dialog;
}

/** The service worker, running (a push starts it when it was stopped). */
async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/** The notifications the service worker shows now. */
function shownByWorker(worker: Worker) {
  return worker.evaluate(async () => {
    const notifications = await (
      self as unknown as { registration: ServiceWorkerRegistration }
    ).registration.getNotifications();
    return notifications.map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      conversationId: (n.data as { conversationId?: string } | null)?.conversationId,
    }));
  });
}

/** Fires a real push event in the context's service worker, as the browser does when a push arrives. */
async function deliverPush(context: BrowserContext, payload: string) {
  const tab = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(tab);
  const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => registrations.push(...e.registrations));
  await cdp.send('ServiceWorker.enable');
  await expect
    .poll(() => registrations.some((r) => r.scopeURL === `${server.url}/` && !r.isDeleted))
    .toBe(true);
  const { registrationId } = registrations.find((r) => r.scopeURL === `${server.url}/` && !r.isDeleted)!;
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: server.url, registrationId, data: payload });
  await cdp.detach();
}

test('"Notify me when Parley is closed": a direct message while the app is closed becomes a notification that opens the chat', async ({
  browser,
}) => {
  const phone = new TestDevice(pushService, 'kate-phone');
  const kate = await person(browser, 'kate', phone);
  const ivan = await Api.register(server.url, uniqueName('ivan'), 'Ivan', password).then(
    (auth) => new Api(server.url, auth.token),
  );
  await ivan.befriend(kate.api);
  const chat = await ivan.direct(kate.api);

  // Kate turns it on in Settings → Notifications; the browser already allows notifications.
  const app = await kate.open();
  const dialog = await openNotificationSettings(app);
  const push = dialog.getByRole('switch', { name: 'Notify me when Parley is closed' });
  await expect(push).toHaveAttribute('aria-checked', 'false');
  await expect(push).toBeEnabled();
  await push.click();
  await expect(push).toHaveAttribute('aria-checked', 'true');
  await expect(dialog.getByRole('switch', { name: 'Show message text' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await app.screenshot({ path: test.info().outputPath('push-settings.png') });
  // The browser subscribed with the server's key, and the server pushes this session there.
  const { vapidPublicKey } = await kate.api.call<ServerInfo>('GET', '/server');
  const subscribedWith = await app.evaluate(() => localStorage.getItem('e2e.push-subscription'));
  expect(Buffer.from(subscribedWith!, 'base64').toString('base64url')).toBe(vapidPublicKey);
  expect(await kate.api.call('GET', '/me/push-subscription')).toEqual({ endpoint: phone.endpoint });

  // The service worker must be active before she leaves: on a first visit it is still
  // installing (precaching the app) for a while, and a push that reaches a registration with
  // no active worker is dropped (seen under CI load).
  await app.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  // She closes Parley. Once the server sees her gone, Ivan writes.
  await app.close();
  await expect
    .poll(async () => (await ivan.call<{ online: string[] }>('GET', '/presence')).online)
    .not.toContain(kate.userId);
  await ivan.send(chat.id, 'Are you still coming tonight?');

  // The push service got it encrypted for her phone; the phone decrypts it and wakes the worker.
  const payload = phone.decrypt(await pushService.waitFor(phone));
  expect(JSON.parse(payload)).toEqual({
    conversationId: chat.id,
    title: 'Ivan',
    body: 'Are you still coming tonight?',
    tag: chat.id,
    mention: false,
  });
  await deliverPush(kate.context, payload);
  const worker = await serviceWorker(kate.context);
  await expect
    .poll(() => shownByWorker(worker))
    .toEqual([
      { title: 'Ivan', body: 'Are you still coming tonight?', tag: chat.id, conversationId: chat.id },
    ]);

  // She taps it: the click handler brings Parley forward on that chat.
  const [shown] = await shownByWorker(worker);
  const again = await kate.open();
  await worker.evaluate(
    (conversationId) =>
      (self as unknown as { parleyOpenConversation(id: string): Promise<void> }).parleyOpenConversation(
        conversationId,
      ),
    shown!.conversationId!,
  );
  await expect(again).toHaveURL(new RegExp(`#/c/${chat.id}$`));
  await expect(messageRows(again, 'Are you still coming tonight?')).toBeVisible();

  // Off again: the server forgets this device, and the browser drops the subscription.
  const settings = await openNotificationSettings(again);
  await settings.getByRole('switch', { name: 'Notify me when Parley is closed' }).click();
  await expect(settings.getByRole('switch', { name: 'Notify me when Parley is closed' })).toHaveAttribute(
    'aria-checked',
    'false',
  );
  expect(await kate.api.call('GET', '/me/push-subscription')).toEqual({ endpoint: null });
  expect(await again.evaluate(() => localStorage.getItem('e2e.push-subscription'))).toBeNull();
  await kate.context.close();
});

test('a push while Parley is in front shows nothing; without text it says "New message" in the app\'s language', async ({
  browser,
}) => {
  const kate = await person(browser, 'kate', new TestDevice(pushService, 'kate-laptop'));
  const app = await kate.open();
  const worker = await serviceWorker(kate.context);
  const show = (data: object) =>
    worker.evaluate(
      (d) => (self as unknown as { parleyShowPush(data: object): Promise<void> }).parleyShowPush(d),
      data,
    );
  const push = { conversationId: 'c1', title: 'Ivan', tag: 'c1', mention: false };

  // The app is open and in front: it shows the message itself.
  await show({ ...push, body: 'you see this in the app' });
  expect(await shownByWorker(worker)).toEqual([]);

  // Kate switches Parley to Chinese, then leaves it; a push without text arrives.
  await app.getByRole('button', { name: 'Profile and settings' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('tab', { name: 'Appearance', exact: true }).click();
  await dialog.getByLabel('Language / 语言').selectOption('zh');
  await expect(app.getByRole('tab', { name: '外观' })).toBeVisible();
  await app.close();
  await show(push);
  await show({ ...push, conversationId: 'c2', tag: 'c2', title: 'Book club', mention: true });
  expect(await shownByWorker(worker)).toEqual([
    { title: 'Ivan', body: '新消息', tag: 'c1', conversationId: 'c1' },
    { title: 'Book club', body: '有人提到了你', tag: 'c2', conversationId: 'c2' },
  ]);
  await kate.context.close();
});

test('where the browser cannot subscribe, the switch stays off and says so', async ({ browser }) => {
  // Headless Chromium's own pushManager.subscribe, not simulated: it has no push service to
  // register with, and refuses ("Registration failed"), as a browser cut off from its would.
  const kate = await person(browser, 'kate', null);
  const app = await kate.open();
  const dialog = await openNotificationSettings(app);
  const push = dialog.getByRole('switch', { name: 'Notify me when Parley is closed' });
  await push.click();
  await expect(dialog.getByRole('status')).toHaveText(
    'This browser could not reach its push service. Try again later.',
  );
  await expect(push).toHaveAttribute('aria-checked', 'false');
  expect(await kate.api.call('GET', '/me/push-subscription')).toEqual({ endpoint: null });
  await kate.context.close();
});
