#!/usr/bin/env node
/**
 * parley-tui: Parley in a terminal. `npm run tui -- --server URL`. See the package README
 * for the screens, the keys and where state is kept.
 */
import { type Command, parseArgs, usage } from './args.ts';
import { signOutSaved } from './sign-out.ts';

async function main(command: Command): Promise<number> {
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${usage}\n`);
      return 0;
    case 'error':
      process.stderr.write(`parley-tui: ${command.message}\n\n${usage}\n`);
      return 2;
    case 'sign-out':
      process.stdout.write(`${await signOutSaved(command.server)}\n`);
      return 0;
    case 'run': {
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        process.stderr.write('parley-tui: needs a terminal (stdin and stdout must be a TTY)\n');
        return 2;
      }
      // Ink draws nothing but the last frame when it thinks it runs in CI (is-in-ci reads these
      // when Ink loads); a client on a terminal is interactive whatever the environment says.
      process.env.CI = '0';
      process.env.CONTINUOUS_INTEGRATION = '0';
      const { runInTerminal } = await import('./run-in-terminal.tsx');
      return runInTerminal(command.server);
    }
  }
}

main(parseArgs(process.argv.slice(2))).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('parley-tui:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
