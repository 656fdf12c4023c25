import { describe, expect, it } from 'vitest';
import { register } from '../support/factories.ts';
import { dialects, useServer } from '../support/server.ts';
import { closeAll, openSocket } from '../support/socket.ts';
import { upgrade } from '../support/upgrade.ts';

const refused = { status: 403, code: 'origin_not_allowed' };
const upgraded = { status: 101 };

describe.each(dialects)('the WebSocket Origin check on %s', (dialect) => {
  const server = useServer(dialect);

  it('admits the server’s own origin, however it is spelled, and a client that sends no Origin', async () => {
    const own = new URL(server().url); // http://127.0.0.1:<port>
    expect(await upgrade(server(), { origin: own.origin })).toEqual(upgraded);
    expect(await upgrade(server(), { origin: `HTTP://127.0.0.1:${own.port}` })).toEqual(upgraded);
    expect(await upgrade(server(), {})).toEqual(upgraded);
    // The same through the ws client, as far as a live socket.
    const alice = await register(server(), 'alice');
    const same = await openSocket(server(), alice.token, { origin: own.origin });
    const none = await openSocket(server(), alice.token);
    expect(same.isOpen && none.isOpen).toBe(true);
    await closeAll(same, none);
  });

  it('refuses the server’s own host on another scheme or another port, and foreign sites', async () => {
    const own = new URL(server().url);
    const otherPort = Number(own.port) === 65535 ? 65534 : Number(own.port) + 1;
    for (const origin of [
      `https://127.0.0.1:${own.port}`,
      `http://127.0.0.1:${otherPort}`,
      'http://127.0.0.1',
      'https://evil.example',
      'null',
    ]) {
      expect({ origin, ...(await upgrade(server(), { origin })) }).toEqual({ origin, ...refused });
    }
  });

  it('takes the default port as written or left out, as browsers do', async () => {
    expect(await upgrade(server(), { host: 'chat.example.com', origin: 'http://chat.example.com' })).toEqual(
      upgraded,
    );
    expect(
      await upgrade(server(), { host: 'chat.example.com:80', origin: 'http://chat.example.com' }),
    ).toEqual(upgraded);
    expect(await upgrade(server(), { host: 'chat.example.com', origin: 'https://chat.example.com' })).toEqual(
      refused,
    );
  });

  it('ignores X-Forwarded-Proto from a client that is not a trusted proxy', async () => {
    const headers = { host: 'chat.example.com', 'x-forwarded-proto': 'https' };
    expect(await upgrade(server(), { ...headers, origin: 'https://chat.example.com' })).toEqual(refused);
    expect(await upgrade(server(), { ...headers, origin: 'http://chat.example.com' })).toEqual(upgraded);
  });
});

describe.each(dialects)('the WebSocket Origin check behind a trusted TLS proxy on %s', (dialect) => {
  const server = useServer(dialect, { trustProxy: '127.0.0.1' });
  const proxied = { host: 'chat.example.com', 'x-forwarded-proto': 'https' };

  it('admits the public https origin the proxy reports, and not its http twin', async () => {
    expect(await upgrade(server(), { ...proxied, origin: 'https://chat.example.com' })).toEqual(upgraded);
    expect(await upgrade(server(), { ...proxied, origin: 'https://chat.example.com:443' })).toEqual(upgraded);
    expect(await upgrade(server(), { ...proxied, origin: 'http://chat.example.com' })).toEqual(refused);
    expect(await upgrade(server(), { ...proxied, origin: 'https://chat.example.com:8443' })).toEqual(refused);
  });
});

describe.each(dialects)('a gateway with PARLEY_ALLOWED_ORIGINS on %s', (dialect) => {
  const server = useServer(dialect, {
    allowedOrigins: 'https://Chat.Example.com:443, https://app.example.org:8443',
  });

  it('admits the listed origins, compared as whole origins', async () => {
    for (const origin of ['https://chat.example.com', 'https://app.example.org:8443']) {
      expect({ origin, ...(await upgrade(server(), { origin })) }).toEqual({ origin, ...upgraded });
    }
    const alice = await register(server(), 'alice');
    const socket = await openSocket(server(), alice.token, { origin: 'https://chat.example.com' });
    await closeAll(socket);
  });

  it('refuses a listed host on another scheme or port, and every other site', async () => {
    for (const origin of [
      'http://chat.example.com',
      'https://chat.example.com:8443',
      'https://app.example.org',
      'http://app.example.org:8443',
      'https://evil.example',
    ]) {
      expect({ origin, ...(await upgrade(server(), { origin })) }).toEqual({ origin, ...refused });
    }
  });
});
