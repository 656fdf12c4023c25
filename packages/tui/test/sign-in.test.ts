import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type TestServer, startTestServer } from '@parley/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverDir } from '../src/storage/state-dir.ts';
import { ParleyClient } from '@parley/sdk';
import { WebSocket } from 'ws';
import { freshStateDir, idOf, password, signUp, stateDirSignedInAs } from './support/people.ts';
import { Terminal, ctrl, keys } from './support/terminal.ts';

describe('signing in', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('registers a new account, starts signed in the next time, and signs out with /signout', async () => {
    const stateDir = freshStateDir();
    const saved = path.join(serverDir(server.url, { PARLEY_TUI_STATE_DIR: stateDir }), 'session.json');
    // Once as `npm run tui` starts it, from the TypeScript sources; the other tests use the bundle.
    const first = new Terminal({ server: server.url, stateDir, fromSources: true });
    await first.waitForText('Sign in');
    await first.type(ctrl('n'));
    await first.waitForText('Display name:');
    await first.type('dora', keys.enter, 'Dora 朵拉', keys.enter, password, keys.enter, keys.enter);
    await first.waitForText('signed in as dora');
    await first.waitForText('Lobby');
    await first.close();
    expect(statSync(saved).mode & 0o777).toBe(0o600);
    expect(readFileSync(saved, 'utf8')).not.toContain(password);

    const again = new Terminal({ server: server.url, stateDir });
    await again.waitForText('● connected · signed in as dora');
    expect(again.screen()).not.toContain('Password:');
    await again.waitForText('Lobby');
    await again.type(keys.enter); // the Lobby, the only chat
    await again.waitForText('Write a message');
    await again.type('/signout', keys.enter);
    await again.waitForText('Username:');
    expect(existsSync(saved)).toBe(false);
    await again.close();
  });

  it('keeps its known-device value past /signout, and gets in with it while the account is being guessed at', async () => {
    await signUp(server, 'hana');
    const stateDir = freshStateDir();
    const first = new Terminal({ server: server.url, stateDir });
    await first.waitForText('Username:');
    await first.type('hana', keys.enter, password, keys.enter);
    await first.waitForText('signed in as hana');
    await first.waitForText('Lobby');
    await first.type(keys.enter);
    await first.waitForText('Write a message');
    await first.type('/signout', keys.enter);
    await first.waitForText('Username:');
    await first.close();
    const kept = path.join(serverDir(server.url, { PARLEY_TUI_STATE_DIR: stateDir }), 'known-devices.json');
    expect(statSync(kept).mode & 0o777).toBe(0o600);

    // Someone at this same address guesses hana's password ten times: the address is now
    // refused for hana, even with the right password …
    const logIn = (pw: string) =>
      fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'hana', password: pw }),
      });
    for (let i = 0; i < 10; i++) expect((await logIn('a guess')).status).toBe(401);
    expect((await logIn(password)).status).toBe(429);
    // … but not this terminal, a device hana signed in from before.
    const again = new Terminal({ server: server.url, stateDir });
    await again.waitForText('Username:');
    await again.type('hana', keys.enter, password, keys.enter);
    await again.waitForText('signed in as hana');
    await again.close();
  });

  it('says why a sign-in was refused, and signs in once the password is right', async () => {
    await signUp(server, 'erin');
    const term = new Terminal({ server: server.url, stateDir: freshStateDir() });
    await term.waitForText('Username:');
    await term.type('erin', keys.enter, 'not the password', keys.enter);
    await term.waitForText(/wrong|incorrect|invalid/i);
    await term.type(keys.backspace.repeat('not the password'.length));
    await term.type(password, keys.enter);
    await term.waitForText('signed in as erin');
    await term.close();
  });

  it('goes back to the sign-in screen, saying why, when the session is ended from another device', async () => {
    const gwen = await signUp(server, 'gwen', 'Gwen');
    const stateDir = stateDirSignedInAs(server, gwen);
    const term = new Terminal({ server: server.url, stateDir });
    await term.waitForText('● connected · signed in as gwen');
    const phone = new ParleyClient({ baseUrl: server.url, WebSocket });
    await phone.login({ username: 'gwen', password });
    await phone.http.revokeSession(gwen.auth!.session.id);
    await term.waitForText('This device was signed out from another one.');
    await term.waitForText('Username:');
    expect(
      existsSync(path.join(serverDir(server.url, { PARLEY_TUI_STATE_DIR: stateDir }), 'session.json')),
    ).toBe(false);
  });
});

describe('signing in after an admin reset the password', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('asks for a new password before anything else, then signs in with it', async () => {
    // The server's first account is its admin.
    const admin = await signUp(server, 'root');
    const ivy = await signUp(server, 'ivy');
    const { temporaryPassword } = await admin.http.admin.resetPassword(idOf(ivy));

    const terminal = new Terminal({ server: server.url, stateDir: freshStateDir() });
    await terminal.waitForText('Username:');
    await terminal.type('ivy', keys.enter, temporaryPassword, keys.enter);
    await terminal.waitForText('An admin reset your password');
    expect(terminal.screen()).toContain('New password:');
    expect(terminal.screen()).not.toContain('signed in as ivy');
    // Two different passwords are refused here, before the server is asked.
    await terminal.type('a brand new secret', keys.enter, 'a different one', keys.enter);
    await terminal.waitForText('The two new passwords differ');
    await terminal.type(keys.up);
    await terminal.type(...Array<string>(30).fill(keys.backspace), 'a brand new secret', keys.enter);
    await terminal.type(...Array<string>(30).fill(keys.backspace), 'a brand new secret', keys.enter);
    await terminal.waitForText('signed in as ivy');
    await terminal.waitForText('Lobby');
    expect(terminal.screen()).toContain('connected');
    await terminal.close();

    // The new password is the one that works now; the temporary one is spent.
    const logIn = (pw: string) =>
      ParleyClient.login({ baseUrl: server.url, WebSocket }, { username: 'ivy', password: pw });
    await expect(logIn(temporaryPassword)).rejects.toMatchObject({ code: 'invalid_credentials' });
    const back = await logIn('a brand new secret');
    expect(back.auth!.user.mustChangePassword).toBeUndefined();
  });
});
