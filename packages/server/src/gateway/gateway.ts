import type { Duplex } from 'node:stream';
import { closeCodes, limits } from '@parley/protocol';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { Fanout } from '../fanout/fanout.ts';
import { now } from '../ids.ts';
import type { Services } from '../services.ts';
import { presenceAudience } from '../store/relations.ts';
import { updateUser } from '../store/users.ts';
import { Connection, connectionOn } from './connection.ts';

/**
 * This node's WebSockets: accepts them, keeps them alive with pings, registers authenticated
 * ones with the fanout and announces presence — to friends and co-members only — when a user's
 * first socket opens or last closes.
 */
export class Gateway {
  readonly fanout: Fanout;
  private readonly connections = new Set<Connection>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private readonly departures = new Set<Promise<void>>();
  private accepting = true;
  /**
   * Every socket's `error` listener, one function for all of them: a broken frame (too big, bad
   * opcode, invalid UTF-8) or a failed write is logged and the socket dropped. `ws` reports at
   * most one error per socket (it stops reading at the first broken frame, closing with its
   * code, 1009 for one too big), so this logs once per connection however many follow.
   */
  private readonly socketFailed: (this: WebSocket, err: Error) => void;

  constructor(readonly services: Services) {
    this.fanout = new Fanout(services.metrics.deliveries);
    const log = services.log;
    this.socketFailed = function (err) {
      const code = (err as Error & { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('WS_ERR_')) {
        // The client broke the protocol: a warning about that client, not a fault of ours, so
        // no stack (it points into ws's parser and says nothing about the client).
        if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
          log.warn(
            { ...whoIsOn(this), code, limit: limits.wsFrameMaxBytes },
            'closed a socket (1009) that sent a frame over the size limit',
          );
        } else {
          log.warn({ ...whoIsOn(this), code }, `closed a socket that broke the protocol: ${err.message}`);
        }
      } else {
        log.error({ err, ...whoIsOn(this) }, 'socket failed');
      }
      this.terminate();
    };
    this.heartbeat = setInterval(() => {
      for (const connection of this.connections) connection.heartbeat();
    }, services.config.heartbeatMs);
    this.unsubscribe = services.bus.subscribe((envelope) => this.fanout.deliver(envelope));
    // Users whose last sockets were on a node that died (cluster): gone, as if they had closed here.
    services.presence.onLost((userIds) => {
      for (const userId of userIds) {
        this.wentOffline(userId).catch((err: unknown) =>
          this.log.warn({ err }, 'could not announce a lost user'),
        );
      }
    });
  }

  get log(): Logger {
    return this.services.log;
  }

  /** `tcp` is the upgraded connection under `socket`, for coalescing writes (Connection.sendText). */
  accept(socket: WebSocket, ip: string, tcp: Duplex): void {
    socket.on('error', this.socketFailed);
    // Stopping: this socket would be closed in a moment anyway; send it elsewhere now.
    if (!this.accepting) {
      socket.close(closeCodes.draining, 'this node is stopping; reconnect');
      return;
    }
    this.connections.add(new Connection(socket, this, ip, tcp));
  }

  /**
   * Closes every live socket with 4009 (missedEvents): the bus's link to the other nodes broke
   * for a moment, so events may not have reached them. Clients reconnect and sync.
   */
  missedEvents(): void {
    for (const connection of this.connections) {
      if (connection.attached) connection.close(closeCodes.missedEvents, 'events may have been missed; sync');
    }
  }

  /**
   * Makes an authenticated socket live; a socket that closed while authenticating is left out.
   * Resolves with the user's presence audience when this, their first socket, announced them
   * online (the hello's online list is the same people, so it need not be asked for again).
   */
  async attach(connection: Connection): Promise<string[] | null> {
    if (connection.closed || connection.attached) return null;
    connection.attached = true;
    this.fanout.add(connection);
    if (await this.services.presence.connected(connection.userId)) {
      return this.announce(connection.userId, true, now());
    }
    return null;
  }

  private async detach(connection: Connection): Promise<void> {
    this.connections.delete(connection);
    if (!connection.attached) return;
    connection.attached = false;
    this.fanout.remove(connection);
    const userId = connection.userId;
    if (await this.services.presence.disconnected(userId)) await this.wentOffline(userId);
  }

  /** Records when the user was last seen and tells their audience they went offline. */
  private async wentOffline(userId: string): Promise<void> {
    const lastSeenAt = now();
    await updateUser(this.services.store.db, userId, { last_seen_at: lastSeenAt }).catch((err: unknown) =>
      this.log.warn({ err }, 'could not record last seen'),
    );
    await this.announce(userId, false, lastSeenAt);
  }

  /**
   * Stops the gateway: new sockets are turned away, and every open one drains — frames already
   * read are finished and answered (a send is stored and acknowledged) — then closes with
   * `code`: 1001 when a lone node stops, 1012 when a cluster node drains and its clients should
   * reconnect to another node at once. Sockets still busy after `graceMs` are closed anyway,
   * and cut a second later. Waits until each one's departure is recorded (last seen,
   * presence): the caller closes the database next.
   */
  async close({
    code = closeCodes.goingAway,
    graceMs = 3000,
  }: { code?: number; graceMs?: number } = {}): Promise<void> {
    this.accepting = false;
    clearInterval(this.heartbeat);
    const reason = code === closeCodes.draining ? 'this node is stopping; reconnect' : 'server shutting down';
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...this.connections].map((connection) => connection.drain(code, reason))),
      new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
    ]);
    clearTimeout(timer);
    for (const connection of this.connections) connection.close(code, reason);
    await this.drained(1000);
    for (const connection of this.connections) connection.socket.terminate();
    await this.drained(1000);
    await Promise.all(this.departures);
    this.unsubscribe();
  }

  /** Tells the people who may see a user's presence (store/relations.ts presenceAudience); resolves with them. */
  private async announce(userId: string, online: boolean, lastSeenAt: string): Promise<string[]> {
    const audience = await presenceAudience(this.services.store.db, userId);
    if (audience.length === 0) return audience;
    await this.services.bus.publish({
      to: { users: audience },
      event: { event: 'presence.changed', data: { userId, online, lastSeenAt } },
    });
    return audience;
  }

  /** Called by a connection whose socket closed. */
  closed(connection: Connection): void {
    const departure = this.detach(connection).catch((err: unknown) =>
      this.log.warn({ err }, 'detach failed'),
    );
    this.departures.add(departure);
    void departure.finally(() => this.departures.delete(departure));
  }

  private async drained(withinMs: number): Promise<void> {
    const deadline = Date.now() + withinMs;
    while (this.connections.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  }
}

/** Who a socket belongs to, for its log lines: the session once `hello` succeeded, and the address. */
function whoIsOn(socket: WebSocket): { userId?: string; sessionId?: string; ip?: string } {
  const connection = connectionOn(socket);
  if (!connection) return {};
  return {
    ip: connection.ip,
    ...(connection.signedIn && { userId: connection.userId, sessionId: connection.sessionId }),
  };
}
