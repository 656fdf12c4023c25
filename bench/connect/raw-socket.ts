/**
 * A signed-in WebSocket opened with no WebSocket library: a TCP connection that writes the
 * upgrade request, checks the 101, writes `hello` as one masked text frame and reads frames
 * until its reply. A `ws` client costs the load generator about as much CPU per connect as the
 * server spends (0.4–0.9 ms, docs/benchmarks.md), so on this machine's one core for the
 * generator it could not open more than about 1,200–2,000 sockets a second whatever the server
 * did; this one does a fraction of that work. Everything the server answers is still checked:
 * the status, the frame's header, the hello's reply.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

/** A connected socket whose hello was answered; closing it is a plain TCP close. */
export type RawSocket = net.Socket;

/** Opens `ws://host:port/ws`, says hello with `token`, resolves once the reply is ok. */
export function rawSignedInSocket(wsUrl: string, token: string): Promise<RawSocket> {
  const url = new URL(wsUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    socket.setNoDelay(true);
    let buffered: Buffer = Buffer.alloc(0);
    let upgraded = false;
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(why));
    };
    socket.once('error', reject);
    socket.on('data', (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      if (!upgraded) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const status = buffered.toString('latin1', 0, buffered.indexOf('\r\n'));
        if (!status.startsWith('HTTP/1.1 101 ')) return fail(`upgrade refused: ${buffered.toString()}`);
        upgraded = true;
        buffered = buffered.subarray(end + 4);
        socket.write(maskedTextFrame(JSON.stringify({ id: 'hello', type: 'hello', token })));
      }
      for (;;) {
        const frame = nextFrame(buffered);
        if (!frame) return;
        buffered = buffered.subarray(frame.length);
        if (frame.opcode !== 1) continue;
        const reply = JSON.parse(frame.text) as { re?: string; error?: unknown };
        if (reply.re !== 'hello') continue;
        if (reply.error) return fail(JSON.stringify(reply.error));
        // Whatever comes later (presence, pings) is read and dropped, so the server never waits on us.
        socket.removeAllListeners('data');
        socket.removeAllListeners('error');
        socket.on('error', () => socket.destroy());
        socket.resume();
        return resolve(socket);
      }
    });
    socket.write(
      `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
    );
  });
}

/** A client's text frame: FIN, opcode 1, masked (RFC 6455 requires it of clients). */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const size = payload.length;
  const header = size < 126 ? 2 : size < 65_536 ? 4 : 10;
  const frame = Buffer.alloc(header + 4 + size);
  frame[0] = 0x81;
  if (size < 126) frame[1] = 0x80 | size;
  else if (size < 65_536) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(size, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(size), 2);
  }
  const mask = randomBytes(4);
  mask.copy(frame, header);
  for (let i = 0; i < size; i++) frame[header + 4 + i] = payload[i]! ^ mask[i & 3]!;
  return frame;
}

/** The first whole frame in `data` (a server's, unmasked), or null until it has all arrived. */
function nextFrame(data: Buffer): { opcode: number; text: string; length: number } | null {
  if (data.length < 2) return null;
  const opcode = data[0]! & 0x0f;
  let size = data[1]! & 0x7f;
  let start = 2;
  if (size === 126) {
    if (data.length < 4) return null;
    size = data.readUInt16BE(2);
    start = 4;
  } else if (size === 127) {
    if (data.length < 10) return null;
    size = Number(data.readBigUInt64BE(2));
    start = 10;
  }
  if (data.length < start + size) return null;
  return { opcode, text: data.toString('utf8', start, start + size), length: start + size };
}
