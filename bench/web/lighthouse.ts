/**
 * Lighthouse (mobile profile: a mid-range phone, slow 4G and a 4× slower CPU, simulated) on
 * the web client as a person meets it: the sign-in page on a first visit, then, signed in,
 * the chat list, an open chat and the settings dialog. Builds the client, starts a real server
 * on a free port (site.ts) and drives Debian's Chromium (CHROME_PATH, default
 * /usr/bin/chromium). Prints, per screen, the median run's performance and accessibility
 * scores, FCP / LCP / TBT, and for the sign-in page the JavaScript it loads (as sent, and
 * gzipped at level 9), then what the accessibility audits flag. Run from the repository root:
 *
 *   flock /tmp/parley-heavy.lock npx tsx bench/web/lighthouse.ts [--runs 3] [--repo <checkout>] [--web-dir <dist>]
 *     [--only sign-in] [--save <folder for the reports>]
 *
 * `--repo` builds and serves another checkout (e.g. `git worktree add /tmp/wt-before HEAD`)
 * to measure before a change; `--web-dir` serves an existing build instead of building.
 * docs/benchmarks.md ("Web client: first paint and bundle") records the figures by hand.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { snapshot } from 'lighthouse';
import type { Result as LhResult } from 'lighthouse';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { type Site, startSite, thisRepo } from './site.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    repo: { type: 'string', default: thisRepo },
    'web-dir': { type: 'string' },
    /** Only the screens whose name contains this, e.g. `sign-in`. */
    only: { type: 'string' },
    /** Writes each screen's median Lighthouse report (JSON) into this folder. */
    save: { type: 'string' },
  },
});
const runs = Number(args.runs);
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const chromeFlags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'];
const categories = ['performance', 'accessibility'];
const print = (line = '') => process.stdout.write(`${line}\n`);

interface Screen {
  name: string;
  /** Navigation: a page load measured from a cold cache. Snapshot: the page as it stands. */
  mode: 'navigation' | 'snapshot';
  signedIn: boolean;
  path: (site: Site) => string;
  /** For a snapshot: what to do on the loaded page before it is taken. */
  act?: (page: Page) => Promise<void>;
}

const screens: Screen[] = [
  { name: 'sign-in page', mode: 'navigation', signedIn: false, path: () => '/' },
  { name: 'chat list', mode: 'navigation', signedIn: true, path: () => '/' },
  { name: 'open chat', mode: 'navigation', signedIn: true, path: (s) => `/#/c/${s.chatId}` },
  {
    name: 'settings dialog',
    mode: 'snapshot',
    signedIn: true,
    path: () => '/',
    act: async (page) => {
      await page.waitForSelector('[data-testid="my-name"]');
      await page.click('[data-testid="my-name"]');
      await page.waitForSelector('[role="dialog"] [role="tab"], [role="dialog"] h2');
      await page.waitForNetworkIdle({ idleTime: 500 });
    },
  },
];

/** Puts the seeded user's session where the client looks for it, as a sign-in would. */
async function signIn(browser: Browser, site: Site): Promise<void> {
  const page = await browser.newPage();
  // Any same-origin response gives the page the site's localStorage; the icon loads no app.
  await page.goto(`${site.url}/favicon.svg`);
  await page.evaluate((session: string) => {
    localStorage.setItem('parley.session', session);
    localStorage.setItem('parley.lang', 'en');
  }, JSON.stringify(site.session));
  await page.close();
}

async function audit(site: Site, screen: Screen): Promise<LhResult> {
  // A new browser (and profile) each run: no cache, no service worker, no stored data.
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  try {
    if (screen.signedIn) await signIn(browser, site);
    const url = site.url + screen.path(site);
    if (screen.mode === 'navigation') {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: categories,
        // Keeps the session just stored; the new profile has nothing else to clear.
        disableStorageReset: screen.signedIn,
      });
      return result!.lhr;
    }
    const page = await browser.newPage();
    await page.setViewport({
      width: 412,
      height: 823,
      deviceScaleFactor: 1.75,
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(url);
    await screen.act?.(page);
    const result = await snapshot(page, {
      flags: { logLevel: 'error', onlyCategories: ['accessibility'], screenEmulation: { disabled: true } },
    });
    return result!.lhr;
  } finally {
    await browser.disconnect();
    chrome.kill();
  }
}

interface ScriptBytes {
  sent: number;
  gzip: number;
  files: string[];
}

/** The site's own scripts the page fetched (not the service worker's precaching). */
function scriptsLoaded(lhr: LhResult, site: Site): ScriptBytes {
  const details = lhr.audits['network-requests']?.details as
    | { items: { url: string; resourceType?: string; transferSize?: number; sessionTargetType?: string }[] }
    | undefined;
  const items = (details?.items ?? []).filter(
    (r) => r.resourceType === 'Script' && r.sessionTargetType === 'page' && r.url.startsWith(site.url),
  );
  const files = [...new Set(items.map((r) => new URL(r.url).pathname))];
  const gzip = files.reduce(
    (sum, file) => sum + gzipSync(readFileSync(path.join(site.webDir, file)), { level: 9 }).length,
    0,
  );
  return { sent: items.reduce((sum, r) => sum + (r.transferSize ?? 0), 0), gzip, files };
}

const ms = (lhr: LhResult, id: string) => {
  const value = lhr.audits[id]?.numericValue;
  return value === undefined ? '—' : `${Math.round(value)} ms`;
};
const score = (lhr: LhResult, id: string) => {
  const value = lhr.categories[id]?.score;
  return value === undefined || value === null ? '—' : String(Math.round(value * 100));
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The accessibility audits that failed, with a few of the elements each names. */
function a11yFindings(lhr: LhResult): string[] {
  const refs = lhr.categories.accessibility?.auditRefs ?? [];
  return refs.flatMap((ref) => {
    const a = lhr.audits[ref.id];
    if (!a || a.score === null || a.score === 1 || ref.weight === 0) return [];
    const items = (
      (a.details as { items?: { node?: { selector?: string; snippet?: string } }[] })?.items ?? []
    )
      .map((i) => i.node?.selector ?? i.node?.snippet)
      .filter(Boolean)
      .slice(0, 4);
    return [`${a.id}: ${a.title}${items.length ? ` — ${items.join(', ')}` : ''}`];
  });
}

const site = await startSite(path.resolve(args.repo), args['web-dir']);
try {
  print(`Lighthouse, mobile profile, ${runs} run(s) per screen (the median by performance)`);
  print(
    `${'screen'.padEnd(16)} ${'perf'.padStart(4)} ${'a11y'.padStart(4)} ${'FCP'.padStart(8)} ${'LCP'.padStart(8)} ${'TBT'.padStart(8)}`,
  );
  const findings = new Map<string, string[]>();
  let signInScripts: ScriptBytes | null = null;
  let version = '';
  for (const screen of screens.filter((s) => !args.only || s.name.includes(args.only))) {
    const results: LhResult[] = [];
    for (let i = 0; i < (screen.mode === 'navigation' ? runs : 1); i += 1)
      results.push(await audit(site, screen));
    results.sort((a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0));
    const lhr = results[Math.floor(results.length / 2)]!;
    if (screen.name === 'sign-in page') signInScripts = scriptsLoaded(lhr, site);
    const row = [
      screen.name.padEnd(16),
      score(lhr, 'performance').padStart(4),
      score(lhr, 'accessibility').padStart(4),
      ms(lhr, 'first-contentful-paint').padStart(8),
      ms(lhr, 'largest-contentful-paint').padStart(8),
      ms(lhr, 'total-blocking-time').padStart(8),
    ];
    print(row.join(' '));
    findings.set(screen.name, a11yFindings(lhr));
    if (args.save) {
      mkdirSync(args.save, { recursive: true });
      writeFileSync(path.join(args.save, `${screen.name.replace(/\W+/g, '-')}.json`), JSON.stringify(lhr));
    }
    version = lhr.lighthouseVersion;
  }
  if (signInScripts) {
    print();
    print(
      `Sign-in page JavaScript: ${signInScripts.files.length} files, ${kb(signInScripts.sent)} as sent, ${kb(signInScripts.gzip)} gzip (level 9)`,
    );
    for (const file of signInScripts.files) print(`  ${file}`);
  }
  print();
  print(`Accessibility findings (Lighthouse ${version}):`);
  for (const [name, list] of findings) {
    print(`  ${name}: ${list.length ? '' : 'none'}`);
    for (const line of list) print(`    - ${line}`);
  }
} finally {
  await site.stop();
}
