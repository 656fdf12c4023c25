import type { AuthResult, LoginBody, RegisterBody } from '@parley/protocol';
import type { ConnectionOptions } from './connection-types.ts';
import { Connection } from './connection.ts';
import { ParleyError } from './errors.ts';
import { type FetchLike, HttpClient } from './http.ts';
import type { WebSocketConstructor } from './websocket.ts';

export interface ParleyClientOptions {
  /** The server's address, e.g. `https://chat.example.org`. */
  baseUrl: string;
  /** A session token kept from an earlier sign-in. */
  token?: string;
  fetch?: FetchLike;
  /** Defaults to globalThis.WebSocket; in Node 20 pass the `ws` package's WebSocket. */
  WebSocket?: WebSocketConstructor;
  /** The gateway's address; defaults to `<baseUrl>/ws` with http(s) turned into ws(s). */
  wsUrl?: string;
}

/** Connection options a caller may tune; the address, token and WebSocket come from the client. */
export type ConnectOptions = Omit<ConnectionOptions, 'url' | 'token'>;

/**
 * One signed-in user's way into a Parley server: the REST client (`http`) and live
 * connections (`connect()`), sharing the session token that register or login stored.
 */
export class ParleyClient {
  readonly http: HttpClient;
  /** What the latest register or login answered (the user and the session), or null. */
  auth: AuthResult | null = null;
  private readonly connections = new Set<Connection>();

  constructor(private readonly options: ParleyClientOptions) {
    this.http = new HttpClient(options);
  }

  /** A new client signed in as a newly registered user. */
  static async register(options: ParleyClientOptions, body: RegisterBody): Promise<ParleyClient> {
    const client = new ParleyClient(options);
    await client.register(body);
    return client;
  }

  /** A new client signed in with a new device session. */
  static async login(options: ParleyClientOptions, body: LoginBody): Promise<ParleyClient> {
    const client = new ParleyClient(options);
    await client.login(body);
    return client;
  }

  get token(): string | undefined {
    return this.http.token;
  }

  async register(body: RegisterBody): Promise<AuthResult> {
    return this.signedIn(await this.http.register(body));
  }

  async login(body: LoginBody): Promise<AuthResult> {
    return this.signedIn(await this.http.login(body));
  }

  /** Ends the session on the server, closes this client's connections and forgets the token. */
  async logout(): Promise<void> {
    await this.http.logout();
    for (const connection of this.connections) connection.close();
    this.http.setToken(undefined);
    this.auth = null;
  }

  /** Opens a live connection with the current token; see Connection. */
  connect(options: ConnectOptions = {}): Connection {
    const token = this.token;
    if (token === undefined)
      throw new ParleyError('unauthenticated', 'sign in before connecting', { status: 0 });
    const connection = new Connection({
      ...(this.options.WebSocket && { WebSocket: this.options.WebSocket }),
      ...options,
      url: this.options.wsUrl ?? gatewayUrlOf(this.http.baseUrl),
      token,
    });
    this.connections.add(connection);
    connection.once('closed', () => this.connections.delete(connection));
    return connection;
  }

  private signedIn(auth: AuthResult): AuthResult {
    this.http.setToken(auth.token);
    this.auth = auth;
    return auth;
  }
}

/** `https://host/prefix` → `wss://host/prefix/ws`. */
export function gatewayUrlOf(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}/ws`;
}
