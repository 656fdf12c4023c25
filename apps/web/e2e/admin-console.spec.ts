import type { AuthResult, ServerSettings } from '@parley/protocol';
import type { BrowserContext, Page } from '@playwright/test';
import { Api } from './support/api.ts';
import { expectAccessible } from './support/axe.ts';
import { chatItem, messageRows, openChat } from './support/chat.ts';
import { expect, password, test as shared, uniqueName } from './support/fixtures.ts';
import { type RunningServer, startServer } from './support/server.ts';

/**
 * The admin console (issue 16). The first account on a server is its admin, and these tests
 * close registration for a moment, so they get a server of their own (one per worker) whose
 * first account, made before any test's people, is the admin: "Root".
 */
interface Admin {
  username: string;
  page: Page;
  api: Api;
}

// Playwright reads the fixtures a fixture needs from its first parameter's pattern.
/* eslint-disable no-empty-pattern */
const test = shared.extend<{ admin: Admin }, { adminServer: RunningServer; rootName: string }>({
  adminServer: [
    async ({}, provide, workerInfo) => {
      const server = await startServer({}, `admin-server-${workerInfo.workerIndex}`);
      await provide(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  rootName: [
    async ({ adminServer }, provide) => {
      const username = uniqueName('root');
      const auth = await Api.register(adminServer.url, username, 'Root', password);
      if (auth.user.role !== 'admin') throw new Error('the first account on the server is not its admin');
      await provide(username);
    },
    { scope: 'worker' },
  ],
  serverUrl: async ({ adminServer }, provide) => provide(adminServer.url),
  // The admin, signed in on a device of their own for this test.
  admin: async ({ browser, serverUrl, rootName }, provide) => {
    const auth = await logIn(serverUrl, rootName, password);
    const context = await signedInContext(browser.newContext.bind(browser), serverUrl, auth);
    const page = await context.newPage();
    await page.goto('/', { waitUntil: 'domcontentloaded' });
    await expect(page.getByTestId('my-name')).toHaveText('Root');
    await provide({ username: rootName, page, api: new Api(serverUrl, auth.token) });
    await context.close();
  },
});
/* eslint-enable no-empty-pattern */

async function logIn(serverUrl: string, username: string, pass: string): Promise<AuthResult> {
  const res = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: pass, deviceName: 'e2e admin' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return (await res.json()) as AuthResult;
}

async function signedInContext(
  newContext: (options: object) => Promise<BrowserContext>,
  baseURL: string,
  auth: AuthResult,
): Promise<BrowserContext> {
  const context = await newContext({ baseURL, locale: 'en-US', timezoneId: 'UTC' });
  await context.addInitScript(
    (session) => {
      if (localStorage.getItem('e2e.seeded')) return;
      localStorage.setItem('parley.session', session);
      localStorage.setItem('e2e.seeded', '1');
    },
    JSON.stringify({ token: auth.token, user: auth.user }),
  );
  return context;
}

/** Opens the console from the profile menu. */
async function openConsole(page: Page) {
  await page.getByRole('button', { name: 'Add friend / Create group' }).click();
  await page.getByRole('menuitem', { name: 'Admin console' }).click();
  const consoleDialog = page.getByRole('dialog', { name: 'Admin console' });
  await expect(consoleDialog).toBeVisible();
  return consoleDialog;
}

/** Signs in through the sign-in form of a page showing it. */
async function signIn(page: Page, username: string, pass: string) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(pass);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('an admin sees the counts, finds a member, disables them (signed out at once) and enables them again', async ({
  admin,
  people,
}, testInfo) => {
  const bob = await people.signedIn('bob');
  const consoleDialog = await openConsole(admin.page);
  await expect(consoleDialog.getByTestId('count-users')).toContainText(/Accounts\s*\d+/);
  await expect(consoleDialog.getByTestId('count-storage')).toContainText(/\d+(\.\d)? (B|KB|MB|GB)/);

  await consoleDialog.getByRole('tab', { name: 'Users' }).click();
  await consoleDialog.getByRole('searchbox', { name: 'Search by name or username' }).fill(bob.username);
  const row = consoleDialog.getByTestId('admin-user').filter({ hasText: `@${bob.username}` });
  await expect(consoleDialog.getByTestId('admin-user')).toHaveCount(1);
  await expect(row).toContainText('1 device');
  await expectAccessible(admin.page, 'admin console, users', testInfo);

  await row.getByRole('button', { name: `Actions for @${bob.username}` }).click();
  await admin.page.getByRole('menuitem', { name: 'Disable account…' }).click();
  const ask = admin.page.getByRole('dialog', { name: `Disable @${bob.username}?` });
  await expect(ask).toContainText('Every device of theirs is signed out at once');
  await ask.getByRole('button', { name: 'Disable' }).click();
  await expect(row).toContainText('Disabled');

  // Bob's open page ends with the reason, and he cannot sign in again.
  await expect(bob.page.getByRole('alert')).toHaveText(
    'An admin disabled your account. Ask them to enable it again.',
  );
  await signIn(bob.page, bob.username, bob.password);
  await expect(
    bob.page
      .getByRole('alert')
      .filter({ hasText: 'This account is disabled. Ask an admin to enable it again.' }),
  ).toBeVisible();

  // The Disabled filter lists him; enabled, he signs in. The cleared search applies after a
  // pause (a debounce): wait for the whole list, so it cannot reload under the filtered one
  // once he is enabled and take his row away.
  await consoleDialog.getByRole('searchbox', { name: 'Search by name or username' }).fill('');
  await expect(
    consoleDialog.getByTestId('admin-user').filter({ hasText: `@${admin.username}` }),
  ).toBeVisible();
  await consoleDialog.getByRole('button', { name: 'Disabled', exact: true }).click();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: `Actions for @${bob.username}` }).click();
  await admin.page.getByRole('menuitem', { name: 'Enable account' }).click();
  await expect(row).not.toContainText('Disabled');
  await signIn(bob.page, bob.username, bob.password);
  await expect(bob.page.getByTestId('my-name')).toHaveText('Bob');

  // The audit log says it in words, newest first.
  await consoleDialog.getByRole('tab', { name: 'Audit log' }).click();
  const lines = consoleDialog.getByTestId('audit-entry');
  await expect(lines.first()).toContainText(`Root enabled the account @${bob.username}`);
  await expect(lines.filter({ hasText: `Root disabled the account @${bob.username}` })).toHaveCount(1);
});

test('after a password reset the member signs in with the temporary password and must choose a new one', async ({
  admin,
  people,
}, testInfo) => {
  const carol = await people.signedIn('carol');
  const consoleDialog = await openConsole(admin.page);
  await consoleDialog.getByRole('tab', { name: 'Users' }).click();
  await consoleDialog.getByRole('searchbox', { name: 'Search by name or username' }).fill(carol.username);
  const row = consoleDialog.getByTestId('admin-user').filter({ hasText: `@${carol.username}` });
  await expect(consoleDialog.getByTestId('admin-user')).toHaveCount(1);
  await row.getByRole('button', { name: `Actions for @${carol.username}` }).click();
  await admin.page.getByRole('menuitem', { name: 'Reset password…' }).click();
  const reset = admin.page.getByRole('dialog', { name: `Reset the password of @${carol.username}?` });
  await reset.getByRole('button', { name: 'Reset password' }).click();
  const temporary = (await reset.getByTestId('one-time-secret').textContent())!.trim();
  expect(temporary.length).toBeGreaterThanOrEqual(8);
  await reset.getByRole('button', { name: 'Done' }).click();
  await expect(row).toContainText('Password reset');

  await expect(carol.page.getByRole('alert')).toHaveText(
    'An admin reset your password. Sign in with the one they give you, then choose a new one.',
  );
  // The old password no longer works; the temporary one leads to the new-password form only.
  await signIn(carol.page, carol.username, carol.password);
  await expect(
    carol.page.getByRole('alert').filter({ hasText: 'Wrong username or password.' }),
  ).toBeVisible();
  await signIn(carol.page, carol.username, temporary);
  await expect(carol.page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await expect(carol.page.getByTestId('conversation')).toHaveCount(0);
  await expectAccessible(carol.page, 'choose a new password', testInfo);
  // A reload keeps her there (and does not sign her out).
  await carol.page.reload();
  await expect(carol.page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();

  await carol.page.getByLabel('Temporary password').fill(temporary);
  await carol.page.getByLabel('New password', { exact: true }).fill('a brand new secret');
  await carol.page.getByLabel('Repeat the new password').fill('a brand new secret');
  await carol.page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(carol.page.getByTestId('my-name')).toHaveText('Carol');
  await expect(carol.page.getByTestId('conversation').first()).toBeVisible();
  await carol.page.reload();
  await expect(carol.page.getByTestId('conversation').first()).toBeVisible();
  // The new password is hers from now on.
  await logIn(carol.api.baseUrl, carol.username, 'a brand new secret');
});

test('a member reports a message, the admin removes it from the Reports tab, and it is recalled for everyone', async ({
  admin,
  people,
}, testInfo) => {
  const [erin, frank] = await Promise.all([people.signedIn('erin'), people.signedIn('frank')]);
  const lobby = await erin.api.lobby();
  const text = `Buy cheap watches ${uniqueName('now')}`;
  await frank.api.send(lobby.id, text);
  await expect(chatItem(erin.page, lobby.id)).toBeVisible();
  await openChat(erin, lobby.id);
  const message = messageRows(erin.page, text);
  await expect(message).toHaveCount(1);

  const report = async () => {
    await message.hover();
    await message.getByRole('button', { name: 'More actions' }).click();
    await erin.page.getByRole('menuitem', { name: 'Report…' }).click();
    return erin.page.getByRole('dialog', { name: 'Report this message' });
  };
  let dialog = await report();
  await dialog.getByLabel('Spam').check();
  await dialog.getByLabel('Anything the admins should know (optional)').fill('Posted in every chat');
  await expectAccessible(erin.page, 'report a message', testInfo);
  await dialog.getByRole('button', { name: 'Report', exact: true }).click();
  await expect(
    erin.page.getByRole('status').filter({ hasText: 'Reported. The admins will look at it.' }),
  ).toBeVisible();
  await expect(dialog).toHaveCount(0);
  // A second report of the same message is refused in words.
  dialog = await report();
  await dialog.getByRole('button', { name: 'Report', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('You have reported this message already.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Nobody reports their own message.
  await openChat(frank, lobby.id);
  const own = messageRows(frank.page, text);
  await own.hover();
  await own.getByRole('button', { name: 'More actions' }).click();
  await expect(frank.page.getByRole('menuitem', { name: 'Reply' })).toBeVisible();
  await expect(frank.page.getByRole('menuitem', { name: 'Report…' })).toHaveCount(0);
  await frank.page.keyboard.press('Escape');

  const consoleDialog = await openConsole(admin.page);
  await expect(consoleDialog.getByTestId('count-openReports')).toContainText(/[1-9]/);
  await consoleDialog.getByRole('tab', { name: 'Reports' }).click();
  const card = consoleDialog.getByTestId('admin-report').filter({ hasText: text });
  await expect(card).toContainText('Spam');
  await expect(card).toContainText(`reported by Erin (@${erin.username})`);
  await expect(card).toContainText('Posted in every chat');
  await expectAccessible(admin.page, 'admin console, reports', testInfo);
  await expect(card).toContainText(`Frank (@${frank.username}) in the lobby`);
  await card.getByRole('button', { name: 'Remove message' }).click();
  await expect(card).toHaveCount(0);

  // Both members see it recalled; the handled list says who removed it.
  await expect(message).toHaveCount(0);
  await expect(own).toHaveCount(0);
  await expect(erin.page.getByRole('log', { name: 'Messages' })).toContainText(
    'A message was removed by an admin',
  );
  await consoleDialog.getByRole('button', { name: 'Handled' }).click();
  await expect(
    consoleDialog.getByTestId('admin-report').filter({ hasText: 'Message removed by Root' }),
  ).toHaveCount(1);
});

test('with registration closed in the server settings, signing up is refused', async ({
  admin,
  people,
}, testInfo) => {
  const consoleDialog = await openConsole(admin.page);
  await consoleDialog.getByRole('tab', { name: 'Server settings' }).click();
  const form = consoleDialog.getByRole('form', { name: 'Server settings' });
  await expect(form.getByLabel('Open')).toBeChecked();
  await expectAccessible(admin.page, 'admin console, server settings', testInfo);
  await form.getByLabel('Closed').check();
  await form.getByRole('button', { name: 'Save settings' }).click();
  try {
    await expect(admin.page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
    const { page } = await people.visitor();
    await page.getByRole('tab', { name: 'Register' }).click();
    await page.getByLabel('Username').fill(uniqueName('gina'));
    await page.getByLabel('Display name').fill('Gina');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Confirm password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('alert')).toHaveText('This server does not accept new accounts right now.');

    // A value out of range is marked at its field.
    await form.getByLabel('Largest group (members)').fill('1');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect(form.getByLabel('Largest group (members)')).toHaveAttribute('aria-invalid', 'true');
  } finally {
    // The other tests on this server sign people up.
    await admin.api.call<ServerSettings>('PATCH', '/admin/settings', { registration: 'open' });
  }
  await consoleDialog.getByRole('tab', { name: 'Audit log' }).click();
  await expect(consoleDialog.getByTestId('audit-entry').first()).toContainText(
    'Root changed the server settings: Who may create an account: Closed → Open',
  );
});

test('a member sees no admin console and the server refuses them its routes', async ({ admin, people }) => {
  await expect(admin.page.getByTestId('my-name')).toHaveText('Root');
  const hana = await people.signedIn('hana');
  await hana.page.getByRole('button', { name: 'Add friend / Create group' }).click();
  await expect(hana.page.getByRole('menuitem', { name: 'Profile and settings' })).toBeVisible();
  await expect(hana.page.getByRole('menuitem', { name: 'Admin console' })).toHaveCount(0);
  await expect(hana.api.call('GET', '/admin/counts')).rejects.toThrow(/403/);
});
