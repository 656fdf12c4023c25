import type { Duplex } from 'node:stream';
import { closeCodes } from '@parley/protocol';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { Fanout } from '../fanout/fanout.ts';
import { now } from '../ids.ts';
import type { Services } from '../services.ts';
import { presenceAudience } from '../store/relations.ts';
import { updateUser } from '../store/users.ts';
import { Connection } from './connection.ts';

/**
 * This node's WebSockets: accepts them, keeps them alive with pings, registers authenticated
 * ones with the fanout and announces presence — to friends and co-members only — when a user's
 * first socket opens or last closes.
 */
export class Gateway {
  readonly fanout = new Fanout();
  private readonly connections = new Set<Connection>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private readonly departures = new Set<Promise<void>>();

  constructor(readonly services: Services) {
    this.heartbeat = setInterval(() => {
      for (const connection of this.connections) connection.heartbeat();
    }, services.config.heartbeatMs);
    this.unsubscribe = services.bus.subscribe((envelope) => this.fanout.deliver(envelope));
  }

  get log(): Logger {
    return this.services.log;
  }

  /** `tcp` is the upgraded connection under `socket`, for coalescing writes (Connection.sendText). */
  accept(socket: WebSocket, ip: string, tcp: Duplex): void {
    this.connections.add(new Connection(socket, this, ip, tcp));
  }

  /** Makes an authenticated socket live; a socket that closed while authenticating is left out. */
  async attach(connection: Connection): Promise<void> {
    if (connection.closed || connection.attached) return;
    connection.attached = true;
    this.fanout.add(connection);
    if (await this.services.presence.connected(connection.userId)) {
      await this.announce(connection.userId, true, now());
    }
  }

  private async detach(connection: Connection): Promise<void> {
    this.connections.delete(connection);
    if (!connection.attached) return;
    connection.attached = false;
    this.fanout.remove(connection);
    const userId = connection.userId;
    if (await this.services.presence.disconnected(userId)) {
      const lastSeenAt = now();
      await updateUser(this.services.store.db, userId, { last_seen_at: lastSeenAt }).catch((err: unknown) =>
        this.log.warn({ err }, 'could not record last seen'),
      );
      await this.announce(userId, false, lastSeenAt);
    }
  }

  /**
   * Closes every socket with 1001 so clients reconnect (to this node after a restart, or
   * another), and waits until each one's departure is recorded (last seen, presence): the
   * caller closes the database next. Sockets that do not finish closing in time are cut.
   */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const connection of this.connections) connection.close(closeCodes.goingAway, 'server shutting down');
    await this.drained(3000);
    for (const connection of this.connections) connection.socket.terminate();
    await this.drained(1000);
    await Promise.all(this.departures);
    this.unsubscribe();
  }

  /** Tells the people who may see a user's presence (store/relations.ts presenceAudience). */
  private async announce(userId: string, online: boolean, lastSeenAt: string): Promise<void> {
    const audience = await presenceAudience(this.services.store.db, userId);
    if (audience.length === 0) return;
    await this.services.bus.publish({
      to: { users: audience },
      event: { event: 'presence.changed', data: { userId, online, lastSeenAt } },
    });
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
