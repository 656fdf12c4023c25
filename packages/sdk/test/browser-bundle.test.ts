import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

/**
 * The SDK trusts the server's shapes and never validates them, so a browser bundle of it must
 * not carry zod (about 60 KB gzip in the web client, on the critical path of the first screen
 * when it was there). It slips in as soon as the SDK imports a runtime value that lives in a
 * schema module of @parley/protocol: such values belong in a module of their own
 * (limits.ts, errors.ts, event-names.ts, online-order.ts, text/).
 */
it('bundles for a browser without zod', async () => {
  const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // Input paths in the metafile are relative to this; fixed, so the test reads the same
    // whether vitest runs from the repo root or from packages/sdk (as npm test does).
    absWorkingDir: fileURLToPath(new URL('../../..', import.meta.url)),
  });
  // What is left in the bundle after tree shaking (the inputs list every file read).
  const [output] = Object.values(result.metafile.outputs);
  const kept = Object.entries(output!.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([file]) => file);
  expect(kept.some((file) => file.includes('packages/sdk/src/session/'))).toBe(true);
  expect(kept.filter((file) => /node_modules\/zod\//.test(file))).toEqual([]);
});
