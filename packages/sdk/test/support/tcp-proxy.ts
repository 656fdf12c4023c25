import net from 'node:net';

/**
 * A TCP proxy to a local port that can "freeze": the links open at that moment stop carrying
 * bytes in either direction, and closing one end no longer reaches the other, like a
 * connection whose network path died silently. Links opened later work normally.
 */
export interface TcpProxy {
  port: number;
  /** Links accepted so far. */
  readonly accepted: number;
  freeze(): void;
  close(): Promise<void>;
}

interface Link {
  client: net.Socket;
  upstream: net.Socket;
  frozen: boolean;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const links = new Set<Link>();
  let accepted = 0;
  const server = net.createServer((client) => {
    accepted += 1;
    const upstream = net.connect(targetPort, '127.0.0.1');
    const link: Link = { client, upstream, frozen: false };
    links.add(link);
    client.on('data', (chunk) => {
      if (!link.frozen) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!link.frozen) client.write(chunk);
    });
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      from.on('error', () => from.destroy());
      from.on('close', () => {
        if (!link.frozen) to.destroy();
        if (client.destroyed && upstream.destroyed) links.delete(link);
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    get accepted() {
      return accepted;
    },
    freeze() {
      for (const link of links) link.frozen = true;
    },
    async close() {
      for (const link of links) {
        link.client.destroy();
        link.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
