import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the web client against a real Parley server (see docs/testing.md, "Browser
 * tests"). Debian's Chromium, never a downloaded one; the global setup builds the client and
 * starts the server, whose address the fixtures read from PARLEY_E2E_URL.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // The docs screenshots have their own config (e2e/screenshots), run by hand.
  testIgnore: 'screenshots/**',
  globalSetup: './e2e/support/global-setup.ts',
  outputDir: './test-results',
  // The machine has two cores; each test drives two or three browser contexts already.
  workers: 2,
  fullyParallel: true,
  // A flaky test is a bug to fix, not to retry.
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Hang guards, not speed targets: two workers on two cores, each driving several contexts.
  // The whole run takes about 11 minutes here; the guard leaves it room on a slower day.
  timeout: 120_000,
  globalTimeout: 30 * 60_000,
  expect: { timeout: 15_000 },
  // A failure leaves its screenshot and error context (the page's accessibility tree) in
  // test-results/<test>/. Recording traces makes a run about 40% longer on two cores, so they
  // are on only with PARLEY_E2E_TRACE=1 (or --trace=on): then a failure also leaves trace.zip
  // (`npx playwright show-trace <trace.zip>`). `--reporter=html` makes a browsable report.
  reporter: 'list',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'UTC',
    headless: true,
    trace: process.env.PARLEY_E2E_TRACE === '1' ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 60_000,
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
  },
});
