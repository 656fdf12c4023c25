import type { SessionList } from '@parley/protocol';
import { Api } from './support/api.ts';
import { expect, password, test, uniqueName } from './support/fixtures.ts';
import { type RunningServer, startServer } from './support/server.ts';

/** A session the server ends: the device returns to sign-in and says why. */

test('a device signed out from another device says so', async ({ people, serverUrl }) => {
  const frank = await people.signedIn('frank');
  // Frank signs in on a second device and signs the first one out from there.
  const login = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: frank.username, password }),
  });
  const second = new Api(serverUrl, ((await login.json()) as { token: string }).token);
  const { sessions } = await second.call<SessionList>('GET', '/me/sessions');
  const first = sessions.find((s) => !s.current && s.deviceName === 'e2e setup')!;
  await second.call('DELETE', `/me/sessions/${first.id}`);

  await expect(frank.page.getByRole('alert')).toHaveText('This device was signed out from another device.');
  await expect(frank.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await frank.page.reload();
  await expect(frank.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test.describe('on a server that allows one device per account', () => {
  let server: RunningServer;
  test.beforeAll(async () => {
    server = await startServer({ PARLEY_SINGLE_SESSION: 'true' }, 'single-session-server');
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('signing in on a second browser signs the first out with "logged in elsewhere"', async ({
    browser,
  }) => {
    const username = uniqueName('grace');
    await Api.register(server.url, username, 'Grace', password);
    const contexts = [
      await browser.newContext({ baseURL: server.url, locale: 'en-US' }),
      await browser.newContext({ baseURL: server.url, locale: 'en-US' }),
    ];
    try {
      const [laptop, phone] = await Promise.all(contexts.map((c) => c.newPage()));
      for (const page of [laptop!, phone!]) {
        await page.goto('/');
        await page.getByLabel('Username').fill(username);
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await expect(page.getByTestId('my-name')).toHaveText('Grace');
      }
      await expect(laptop!.getByRole('alert')).toHaveText(
        'You were signed out because your account signed in on another device.',
      );
      await expect(laptop!.getByRole('button', { name: 'Sign in' })).toBeVisible();
      await expect(phone!.getByTestId('my-name')).toHaveText('Grace');
    } finally {
      for (const c of contexts) await c.close();
    }
  });
});
