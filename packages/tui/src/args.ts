/** What `parley-tui` was asked to do, from its command line. */
export type Command =
  | { kind: 'run'; server: string }
  | { kind: 'sign-out'; server: string }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

export const usage = `parley-tui: Parley in a terminal

Usage:
  npm run tui -- --server URL        sign in (or register) and chat
  npm run tui -- --server URL --sign-out
                                     forget the saved session for that server and end it

Options:
  -s, --server URL   the Parley server, e.g. https://chat.example.org (or PARLEY_SERVER)
      --sign-out     end the saved session and delete its token
  -h, --help         show this text

Saved state (session token, unsent messages) lives in $PARLEY_TUI_STATE_DIR, else
$XDG_STATE_HOME/parley-tui, else ~/.local/state/parley-tui.
Inside the client, the bottom line lists the keys; ? (in the chat list) or /help shows all.`;

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Command {
  let server = env.PARLEY_SERVER;
  let signOut = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '--sign-out') signOut = true;
    else if (arg === '-s' || arg === '--server') {
      server = argv[++i];
      if (server === undefined) return { kind: 'error', message: `${arg} needs a URL` };
    } else if (arg.startsWith('--server=')) server = arg.slice('--server='.length);
    else return { kind: 'error', message: `unknown argument: ${arg}` };
  }
  if (!server) return { kind: 'error', message: 'which server? pass --server URL' };
  const normalized = normalizeServer(server);
  if (!normalized) return { kind: 'error', message: `not an http(s) address: ${server}` };
  return { kind: signOut ? 'sign-out' : 'run', server: normalized };
}

/** `chat.example.org` → `https://chat.example.org`; no trailing slash. Null when unusable. */
export function normalizeServer(text: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.toString().replace(/\/+$/, '');
  } catch {
    return null;
  }
}
