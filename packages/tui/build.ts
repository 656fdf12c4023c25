/**
 * Bundles parley-tui into one file, dist/parley-tui.mjs: what `parley-tui` runs once installed
 * (plain node, no TypeScript loader), and what the terminal tests start, since it is up in
 * half a second where tsx takes two or three. `npm run tui` runs the sources through tsx.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const bundlePath = fileURLToPath(new URL('./dist/parley-tui.mjs', import.meta.url));

export async function buildBundle(outfile = bundlePath): Promise<string> {
  await build({
    entryPoints: [fileURLToPath(new URL('./src/main.tsx', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    logLevel: 'warning',
    // Ink loads React DevTools only when DEV=true; its static import would otherwise be required.
    alias: { 'react-devtools-core': fileURLToPath(new URL('./src/no-devtools.ts', import.meta.url)) },
    // ws's optional native speed-ups: used when installed, never required.
    external: ['bufferutil', 'utf-8-validate'],
    // Bundled CommonJS packages (ws, signal-exit) call require().
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildBundle();
