import { defineConfig } from '@playwright/test';
import { chromiumArgs } from '../../playwright.config.ts';

/**
 * `npm run screenshots -w @parley/web`: seeds a realistic set of people and conversations on a
 * fresh server, and the demo world (`npm run demo`) on one of its own, and writes
 * docs/screenshots/*.png. Run by hand when the look changes; not in CI.
 */
export default defineConfig({
  testDir: '.',
  testMatch: ['take-screenshots.ts', 'take-demo-screenshot.ts'],
  globalSetup: '../support/global-setup.ts',
  outputDir: '../../test-results/screenshots',
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
  },
});
