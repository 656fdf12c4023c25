import path from 'node:path';
import { Api } from './support/api.ts';
import { expect, password, test, uniqueName } from './support/fixtures.ts';
import { repoRoot } from './support/server.ts';

/** Registering and signing in through the forms, and the errors a person sees there. */

const picture = path.join(repoRoot, 'packages/server/test/fixtures/media/picture.png');

test('a new person registers with a profile picture and sees it in their profile card', async ({
  people,
}) => {
  const alice = await people.register('alice', { displayName: 'Alice 爱丽丝', avatar: picture });
  const card = alice.page.getByRole('button', { name: 'Profile and settings' });
  await expect(card).toContainText('Alice 爱丽丝');
  await expect(card).toContainText(`@${alice.username}`);
  const avatar = card.locator('img');
  await expect(avatar).toHaveAttribute('src', /^\/avatars\//);
  // The picture really loaded (not a broken image).
  await expect
    .poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  // The server has it too.
  expect((await alice.api.me()).avatarSmall).toMatch(/^\/avatars\//);
});

test('the register form explains a short password and a mismatched confirmation', async ({ people }) => {
  const { page } = await people.visitor();
  await page.getByRole('tab', { name: 'Register' }).click();
  await page.getByLabel('Username').fill(uniqueName('bob'));
  await page.getByLabel('Display name').fill('Bob');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Confirm password').fill('shorter');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('At least 8 characters.')).toBeVisible();
  await expect(page.getByText('The passwords do not match.')).toBeVisible();
  await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password + '!');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('At least 8 characters.')).toBeHidden();
  await expect(page.getByText('The passwords do not match.')).toBeVisible();
  // Still on the form, nothing typed is lost.
  await expect(page.getByLabel('Display name')).toHaveValue('Bob');
});

test('a taken username is refused next to the field', async ({ people, serverUrl }) => {
  const taken = uniqueName('carol');
  await Api.register(serverUrl, taken, 'Carol', password);
  const { page } = await people.visitor();
  await page.getByRole('tab', { name: 'Register' }).click();
  await page.getByLabel('Username').fill(taken);
  await page.getByLabel('Display name').fill('Another Carol');
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('That username is taken. Try another.')).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('my-name')).toHaveCount(0);
});

test('a wrong password is refused on sign-in, the right one signs in', async ({ people, serverUrl }) => {
  const username = uniqueName('dave');
  await Api.register(serverUrl, username, 'Dave', password);
  const { page } = await people.visitor();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('not my password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
  await expect(page.getByLabel('Username')).toHaveValue(username);

  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('my-name')).toHaveText('Dave');
});

test('signing out returns to sign-in, and a reload keeps a signed-in person signed in', async ({
  people,
}) => {
  const erin = await people.signedIn('erin');
  await erin.page.reload();
  await expect(erin.page.getByTestId('my-name')).toHaveText('Erin');
  await erin.page.getByRole('button', { name: 'Add friend / Create group' }).click();
  await erin.page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(erin.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await erin.page.reload();
  await expect(erin.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('a first visit loads none of the signed-in screens; a reload while signed in starts them from the page, allowed by its CSP', async ({
  people,
}) => {
  const signedInChunk = (url: string) => /\/assets\/signed-in-[\w-]+\.js$/.test(url);
  const { page: visitor } = await people.visitor();
  const fetched: string[] = [];
  visitor.on('request', (request) => fetched.push(request.url()));
  await visitor.reload();
  await expect(visitor.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(fetched.filter(signedInChunk)).toEqual([]);

  const frank = await people.signedIn('frank');
  // The page's inline script (apps/web/vite.config.ts) is allowed by its hash: a build whose
  // script the server's CSP does not name would be reported here.
  await frank.page.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(e.violatedDirective));
  });
  await frank.page.reload();
  await expect(frank.page.getByTestId('my-name')).toHaveText('Frank');
  expect(await frank.page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual(
    [],
  );
  // Asked for once, by a link in the head (the page's, or the app's own were the page's blocked).
  const preloads = await frank.page
    .locator('head link[rel="modulepreload"]')
    .evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(preloads.filter(signedInChunk)).toHaveLength(1);
});
