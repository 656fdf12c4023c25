import { closeCodes } from '@parley/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { Connection } from '../src/index.ts';
import { countingWebSocket } from './support/people.ts';
import { type ScriptedGateway, helloReply, startScriptedGateway } from './support/scripted-gateway.ts';
import { nextEvent, sleep } from './support/wait.ts';

describe('a connection facing a scripted gateway', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function connectTo(gateway: ScriptedGateway, backoff: { initialMs: number; maxMs: number }) {
    cleanups.push(() => gateway.close());
    const sockets = countingWebSocket();
    const connection = new Connection({
      url: gateway.url,
      token: 'token',
      WebSocket: sockets.WebSocket,
      backoff,
    });
    cleanups.push(() => connection.close());
    return { connection, sockets };
  }

  it('does not reconnect after a terminal close code, even without a reply saying why', async () => {
    const gateway = await startScriptedGateway((socket) =>
      socket.close(closeCodes.sessionRevoked, 'revoked'),
    );
    const { connection, sockets } = await connectTo(gateway, { initialMs: 20, maxMs: 40 });
    expect(await nextEvent(connection, 'closed')).toEqual({
      code: closeCodes.sessionRevoked,
      reason: 'revoked',
    });
    await sleep(150);
    expect(sockets.opened).toBe(1);
    expect(connection.state).toBe('closed');
  });

  it('keeps reconnecting after a close code that is not terminal', async () => {
    const gateway = await startScriptedGateway((socket) =>
      socket.close(closeCodes.slowConsumer, 'slow consumer'),
    );
    const { connection, sockets } = await connectTo(gateway, { initialMs: 20, maxMs: 40 });
    await nextEvent(connection, 'state', (state) => state === 'reconnecting');
    await sleep(200);
    expect(sockets.opened).toBeGreaterThanOrEqual(3);
    expect(connection.state).toBe('reconnecting');
  });

  it('stays closed when a state listener closes it on the way to reconnecting', async () => {
    const gateway = await startScriptedGateway((socket) => socket.close(closeCodes.goingAway, 'restarting'));
    const { connection, sockets } = await connectTo(gateway, { initialMs: 20, maxMs: 40 });
    connection.on('state', (state) => {
      if (state === 'reconnecting') connection.close();
    });
    await nextEvent(connection, 'closed');
    await sleep(150);
    expect(sockets.opened).toBe(1);
    expect(connection.state).toBe('closed');
  });

  it('starts the backoff over after each successful hello', async () => {
    // Every socket is welcomed, then dropped as if its node went away. Without the reset the
    // delays would double (5, 10, 20, 40, 80, 160 ms at least …): seven sockets at most in
    // half a second. With it each retry waits 5 to 10 ms.
    const gateway = await startScriptedGateway((socket, frame) => {
      socket.send(JSON.stringify(helloReply(frame.id)));
      socket.close(closeCodes.goingAway, 'restarting');
    });
    const { connection, sockets } = await connectTo(gateway, { initialMs: 10, maxMs: 10_000 });
    let hellos = 0;
    connection.on('hello', () => (hellos += 1));
    await sleep(500);
    expect(hellos).toBeGreaterThanOrEqual(10);
    expect(sockets.opened).toBeGreaterThanOrEqual(10);
  });
});
