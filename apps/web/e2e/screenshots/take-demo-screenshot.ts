import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { repoRoot, webDist } from '../support/server.ts';

/**
 * docs/screenshots/demo.png: the world `npm run demo` makes, seeded into a folder of this
 * run's own and served from this run's build, as kirito sees it after signing in and opening
 * the 攻略组 (an @mention of him waiting). The browser keeps this process's time zone, which
 * is the demo's too: the story happens at its local times of day.
 */
test.use({
  viewport: { width: 1280, height: 800 },
  deviceScaleFactor: 1,
  colorScheme: 'light',
  timezoneId: Intl.DateTimeFormat().resolvedOptions().timeZone,
});

/** `tsx packages/server/src/demo/main.ts` on a free port; resolves with its URL once it listens. */
function runDemo(dataDir: string): { child: ChildProcess; url: Promise<string> } {
  const webDir = process.env.PARLEY_E2E_WEB_DIR ?? webDist;
  const child = spawn(
    path.join(repoRoot, 'node_modules/.bin/tsx'),
    ['packages/server/src/demo/main.ts', '--port', '0', '--data-dir', dataDir, '--web-dir', webDir],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /Parley demo: (http:\/\/\S+)/.exec(out);
      if (found) resolve(found[1]!);
    });
    child.on('exit', (code) => reject(new Error(`the demo exited (${code}) before it listened:\n${out}`)));
  });
  return { child, url };
}

test('docs screenshot of the demo', async ({ page }) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'parley-demo-shot-'));
  const demo = runDemo(dataDir);
  try {
    await page.goto(await demo.url);
    await page.getByLabel('Username').fill('kirito');
    await page.getByLabel('Password', { exact: true }).fill('parley-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('conversation').filter({ hasText: '艾恩葛朗特攻略组' }).click();
    await expect(page.getByTestId('virtuoso-item-list').getByText('你的装备修好了吗')).toBeVisible();
    // Signed in and connected: no "Offline — reconnecting" notice in the picture.
    await expect(page.getByText('reconnecting')).toHaveCount(0);
    await page.evaluate(() => document.fonts.ready);
    // The avatars and the list's previews arrive after the history; let them land.
    await page.waitForTimeout(1500);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/demo.png') });
  } finally {
    const exited = new Promise((resolve) => demo.child.once('exit', resolve));
    demo.child.kill('SIGINT');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
