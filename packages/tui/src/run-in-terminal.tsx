import { render } from 'ink';
import { isParleyError } from '@parley/sdk';
import { App } from './App.tsx';
import { loadLogin } from './storage/saved-login.ts';

/** Draws the client on the alternate screen until the user quits; the shell's screen comes back as it was. */
export async function runInTerminal(server: string): Promise<number> {
  const leave = () => {
    if (process.stdout.writable) process.stdout.write('\u001b[?1049l');
  };
  // The terminal went away (window closed, ssh dropped): nothing to draw on. Unsent messages
  // are already on disk (OutboxFile writes on every change).
  process.stdout.on('error', () => process.exit(0));
  process.once('SIGHUP', () => process.exit(0));
  // A load the SDK started on its own (after a reconnect) can fail when the link drops again at
  // once; it is tried again after the next hello. That must not end a client the user is typing in.
  process.on('unhandledRejection', (reason) => {
    if (isParleyError(reason)) return;
    throw reason;
  });
  process.stdout.write('\u001b[?1049h\u001b[H');
  process.once('exit', leave);
  try {
    const app = render(<App server={server} saved={loadLogin(server)} />, { exitOnCtrlC: true });
    await app.waitUntilExit();
    return 0;
  } finally {
    leave();
  }
}
