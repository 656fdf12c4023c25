import type { HelloResult } from '@parley/protocol';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A stand-in for the gateway that follows a script, for behaviour a real node shows only in
 * races (closing with 4003 before the hello reply) or would need a restart loop to show.
 */
export interface ScriptedGateway {
  url: string;
  close(): Promise<void>;
}

export type Script = (socket: WebSocket, frame: { id: string; type: string }) => void;

export async function startScriptedGateway(script: Script): Promise<ScriptedGateway> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket) =>
    socket.on('message', (data) => script(socket, JSON.parse(String(data)))),
  );
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    async close() {
      for (const client of server.clients) client.terminate();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A plausible successful hello reply. */
export function helloReply(id: string): { re: string; ok: HelloResult } {
  const at = new Date().toISOString();
  return {
    re: id,
    ok: {
      user: {
        id: 'u1',
        username: 'alice',
        displayName: 'Alice',
        bio: '',
        avatar: null,
        avatarSmall: null,
        role: 'member',
        createdAt: at,
        updatedAt: at,
      },
      sessionId: 's1',
      online: ['u1'],
      heartbeatMs: 60_000,
      serverTime: at,
    },
  };
}
