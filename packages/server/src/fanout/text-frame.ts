import * as ws from 'ws';

/** ws's frame builder: exported (not in its types) so that a broadcast can frame its data once. */
const { Sender } = ws as unknown as {
  Sender: {
    frame(
      data: Buffer,
      options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean },
    ): Buffer[];
  };
};

const TEXT = 0x1;

/**
 * `text` as one complete, unmasked WebSocket text frame (RFC 6455 §5.2), built by ws's own
 * `Sender.frame`, which ws exports for exactly this: a server framing a broadcast once
 * instead of once per socket. A socket without extensions (Parley's never negotiate
 * permessage-deflate) may write it as is (gateway/connection.ts).
 */
export function textFrame(text: string): Buffer {
  const [header, data] = Sender.frame(Buffer.from(text), {
    fin: true,
    opcode: TEXT,
    mask: false,
    readOnly: true,
    rsv1: false,
  });
  return data ? Buffer.concat([header!, data]) : header!;
}
