import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** True when this module is the script being run (`tsx backup.ts`), not imported by a test. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(path.resolve(script)).href === moduleUrl;
}

/**
 * Runs `npm run <name> -- <file>`. npm runs scripts in the repository's root, so `<file>` is
 * taken relative to where the operator typed the command (INIT_CWD). A failure prints its
 * message, not a stack, and exits 1.
 */
export function runCommand(name: string, act: (file: string) => Promise<void>): void {
  const arg = process.argv[2];
  if (arg === undefined || arg.startsWith('-')) {
    console.error(`usage: npm run ${name} -- <file.tar.gz>`);
    process.exit(2);
  }
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), arg);
  act(file).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
