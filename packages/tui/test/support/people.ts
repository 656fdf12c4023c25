import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestServer } from '@parley/server/testing';
import { ParleyClient } from '@parley/sdk';
import { WebSocket } from 'ws';
import { serverDir, writePrivateJson } from '../../src/storage/state-dir.ts';

export const password = 'correct horse battery';

/** Registers `name` (alice, bob, …) through the SDK and returns their signed-in client. */
export async function signUp(server: TestServer, name: string, displayName?: string): Promise<ParleyClient> {
  const client = new ParleyClient({ baseUrl: server.url, WebSocket });
  await client.register({
    username: name,
    displayName: displayName ?? name[0]!.toUpperCase() + name.slice(1),
    password,
  });
  return client;
}

export const idOf = (client: ParleyClient) => client.auth!.user.id;

/** Makes `a` and `b` friends; resolves with their direct conversation's id. */
export async function befriend(a: ParleyClient, b: ParleyClient): Promise<string> {
  const { request } = await a.http.friends.request(idOf(b));
  const { friend } = await b.http.friends.accept(request.id);
  return friend.conversationId;
}

/** A fresh folder for the client's saved state (token, outbox), inside the run's (global-setup.ts). */
export function freshStateDir(): string {
  return mkdtempSync(path.join(process.env.PARLEY_TUI_TEST_STATE_ROOT ?? tmpdir(), 'state-'));
}

/**
 * A state folder in which the client finds `client`'s session saved, as after an earlier
 * sign-in, so it starts signed in.
 */
export function stateDirSignedInAs(server: TestServer, client: ParleyClient): string {
  const dir = freshStateDir();
  const folder = serverDir(server.url, { PARLEY_TUI_STATE_DIR: dir });
  writePrivateJson(path.join(folder, 'session.json'), { token: client.token, user: client.auth!.user });
  return dir;
}

/** Sends `text` to a conversation over REST, as another person's client would. */
export function say(client: ParleyClient, conversationId: string, text: string, replyToId?: string) {
  return client.http.messages.send(conversationId, {
    clientMsgId: crypto.randomUUID(),
    text,
    ...(replyToId && { replyToId }),
  });
}
