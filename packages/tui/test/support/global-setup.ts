import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildBundle } from '../../build.ts';

/**
 * Bundles the client once before the terminal tests start it (see build.ts for why), and makes
 * the folder every test's saved client state goes in (freshStateDir), removed at the end.
 */
export default async function setup(): Promise<() => void> {
  await buildBundle();
  const root = mkdtempSync(path.join(tmpdir(), 'parley-tui-test-'));
  process.env.PARLEY_TUI_TEST_STATE_ROOT = root;
  return () => rmSync(root, { recursive: true, force: true });
}
