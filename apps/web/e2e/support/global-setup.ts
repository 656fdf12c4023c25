import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, startServer, webDist } from './server.ts';

/**
 * Once per run: build the web client from the current source into a folder of this run's own
 * (so a clean clone needs no separate build step, and a developer's apps/web/dist — perhaps
 * served by their own server right now — is never touched), then start the one server every
 * test shares. PARLEY_E2E_SKIP_BUILD=1 serves the existing apps/web/dist instead, for quick
 * reruns while writing tests. Returns the teardown: stop the server, delete both folders.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  let webDir = webDist;
  let built: string | null = null;
  if (process.env.PARLEY_E2E_SKIP_BUILD !== '1') {
    built = mkdtempSync(path.join(tmpdir(), 'parley-e2e-web-'));
    webDir = built;
    execFileSync(
      path.join(repoRoot, 'node_modules/.bin/vite'),
      ['build', '--outDir', built, '--emptyOutDir', '--logLevel', 'error'],
      { cwd: path.join(repoRoot, 'apps/web'), stdio: 'inherit' },
    );
  }
  const server = await startServer({ PARLEY_WEB_DIR: webDir });
  // Workers start after this and inherit the environment; the fixtures read it there.
  process.env.PARLEY_E2E_URL = server.url;
  process.env.PARLEY_E2E_WEB_DIR = webDir;
  return async () => {
    await server.stop();
    if (built) rmSync(built, { recursive: true, force: true });
  };
}
