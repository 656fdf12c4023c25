import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect } from '@playwright/test';

/**
 * Accessibility checks with axe-core on the screen as it is now (docs/web-client.md,
 * "Accessibility"). WCAG 2.1 A and AA plus axe's best practices. A serious or critical finding
 * fails the test, softly: the test goes on and one run reports every screen's findings. Moderate
 * and minor ones are printed and attached to the report, seen without blocking, unless
 * `moderate: true` makes a moderate one fail too (for a screen known to have none).
 */
export async function expectAccessible(
  page: Page,
  screen: string,
  testInfo: TestInfo,
  { moderate = false }: { moderate?: boolean } = {},
) {
  // Fonts first: axe weighs contrast by the text's drawn size (large text needs only 3:1).
  await page.evaluate(() => document.fonts.ready.then(() => true));
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const lines = (impacts: string[]) =>
    results.violations
      .filter((v) => impacts.includes(v.impact ?? ''))
      .map(
        (v) =>
          `[${v.impact}] ${v.id}: ${v.help}\n` +
          v.nodes
            .slice(0, 6)
            .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join('; ')}`)
            .join('\n'),
      );
  const blockingImpacts = moderate ? ['moderate', 'serious', 'critical'] : ['serious', 'critical'];
  const minor = lines(moderate ? ['minor'] : ['moderate', 'minor']);
  if (minor.length) {
    const text = `${screen}:\n${minor.join('\n')}`;
    console.warn(`axe (not failing) — ${text}`);
    await testInfo.attach(`axe-${screen}`, { body: text, contentType: 'text/plain' });
  }
  const blocking = lines(blockingImpacts);
  expect.soft(blocking, `axe on ${screen}:\n${blocking.join('\n')}`).toEqual([]);
}

/** Exactly one h1 on the screen (a visually hidden one counts: it is for screen readers). */
export async function expectOneH1(page: Page) {
  await expect.soft(page.locator('h1'), 'one h1').toHaveCount(1);
}

/** Exactly one main landmark in sight, where a screen reader's "jump to main" goes. */
export async function expectOneMain(page: Page) {
  await expect.soft(page.getByRole('main'), 'one main landmark').toHaveCount(1);
}
