import { ParleyClient } from '@parley/sdk';
import { WebSocket } from 'ws';
import { CacheFile } from './storage/cache-file.ts';
import { OutboxFile } from './storage/outbox-file.ts';
import { forgetLogin, loadLogin } from './storage/saved-login.ts';

/**
 * `--sign-out`: ends the saved session on the server (when it can be reached) and deletes the
 * token either way, so this machine no longer holds a way in.
 */
export async function signOutSaved(server: string): Promise<string> {
  const saved = loadLogin(server);
  if (!saved) return `Not signed in to ${server}.`;
  const client = new ParleyClient({ baseUrl: server, token: saved.token, WebSocket });
  const ended = await client.logout().then(
    () => true,
    () => false,
  );
  forgetLogin(server);
  new OutboxFile(server, saved.user.id).remove();
  new CacheFile(server, saved.user.id).remove();
  return ended
    ? `Signed out of ${server} as ${saved.user.username}.`
    : `Forgot the saved session for ${server} (the server could not be reached to end it).`;
}
