import type {
  AuthResult,
  ChangePasswordBody,
  DeleteAccountBody,
  Health,
  Invite,
  LoginBody,
  Me,
  PublicUser,
  RegisterBody,
  SearchUsersQuery,
  ServerInfo,
  SessionList,
  Settings,
  UpdateProfileBody,
  UpdateSettingsBody,
  UserPage,
} from '@parley/protocol';
import { AdminApi } from './api/admin.ts';
import { ConversationsApi } from './api/conversations.ts';
import { type ExportDataOptions, type ExportedData, downloadExport } from './api/export-data.ts';
import { FriendsApi } from './api/friends.ts';
import { GroupsApi } from './api/groups.ts';
import { MessagesApi } from './api/messages.ts';
import { PushApi } from './api/push.ts';
import { StickersApi } from './api/stickers.ts';
import { UploadsApi } from './api/uploads.ts';
import type { Method } from './api/call.ts';
import { ParleyError } from './errors.ts';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpClientOptions {
  /** The server's address, e.g. `https://chat.example.org` (requests go to `<baseUrl>/api/v1/…`). */
  baseUrl: string;
  /** A session token from register or login; sent as `Authorization: Bearer …`. */
  token?: string;
  /** Defaults to the global fetch (browsers, Node 18+). */
  fetch?: FetchLike;
}

/** `q` is required; `limit` defaults on the server (see limits.pageSizeDefault). */
export type SearchUsersParams = Pick<SearchUsersQuery, 'q'> &
  Partial<Pick<SearchUsersQuery, 'limit' | 'cursor'>>;

export interface CreateInviteParams {
  /** How long the code stays valid; the server's default is 7 days, at most 30. */
  expiresInHours?: number;
}

/**
 * The REST API of one Parley server, one method per route, typed with the protocol's
 * schemas. Every failure rejects with a ParleyError: the server's refusal (code, status, field,
 * retryAfter), or `network` / `bad_response` when no Parley answer came (see errors.ts).
 * Responses are trusted, not validated: the server validates them against the same schemas.
 */
export class HttpClient {
  readonly baseUrl: string;
  private currentToken: string | undefined;
  private readonly fetch: FetchLike;
  private readonly bound = <T>(method: Method, path: string, body?: unknown) =>
    this.call<T>(method, path, body);
  readonly admin = new AdminApi(this.bound);
  readonly conversations = new ConversationsApi(this.bound);
  readonly friends = new FriendsApi(this.bound);
  readonly groups = new GroupsApi(this.bound);
  readonly messages = new MessagesApi(this.bound);
  readonly push = new PushApi(this.bound);
  readonly stickers = new StickersApi(this.bound);
  readonly uploads: UploadsApi;

  constructor(options: HttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.currentToken = options.token;
    // Called through a wrapper: a browser's fetch throws "Illegal invocation" when called as a
    // method of anything but window.
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.uploads = new UploadsApi(this.bound, this.baseUrl, () => this.currentToken);
  }

  get token(): string | undefined {
    return this.currentToken;
  }

  /** Signs later requests with `token` (or with none when undefined). */
  setToken(token: string | undefined): void {
    this.currentToken = token;
  }

  serverInfo(): Promise<ServerInfo> {
    return this.call('GET', '/server');
  }

  /** Liveness only: the server answers. Load balancers ask GET /api/v1/ready instead. */
  health(): Promise<Health> {
    return this.call('GET', '/health');
  }

  /** Creates an account and a session; does not store the token (ParleyClient does). */
  register(body: RegisterBody): Promise<AuthResult> {
    return this.call('POST', '/auth/register', body);
  }

  /**
   * Opens a new device session; does not store the token (ParleyClient does). Pass this device's
   * `knownDevice` from its last register or login to the same account, and keep the one answered:
   * with it the device still gets in while someone is guessing the account's password.
   */
  login(body: LoginBody): Promise<AuthResult> {
    return this.call('POST', '/auth/login', body);
  }

  /** Ends this client's session; its open sockets receive `session.revoked` and close. */
  logout(): Promise<void> {
    return this.call('POST', '/auth/logout');
  }

  me(): Promise<Me> {
    return this.call('GET', '/me');
  }

  updateMe(body: UpdateProfileBody): Promise<Me> {
    return this.call('PATCH', '/me', body);
  }

  /** Sets my avatar from one of my finished image uploads (square-cropped, 256 and 64 px). */
  setAvatar(uploadId: string): Promise<Me> {
    return this.call('PUT', '/me/avatar', { uploadId });
  }

  removeAvatar(): Promise<Me> {
    return this.call('DELETE', '/me/avatar');
  }

  /** My privacy settings (read receipts). */
  settings(): Promise<Settings> {
    return this.call('GET', '/me/settings');
  }

  /** Changes my settings; my devices hear `settings.updated`. */
  updateSettings(body: UpdateSettingsBody): Promise<Settings> {
    return this.call('PATCH', '/me/settings', body);
  }

  /** Changes the password; the server signs out every other device session. */
  changePassword(body: ChangePasswordBody): Promise<void> {
    return this.call('POST', '/me/password', body);
  }

  /**
   * Deletes my account for good (POST /me/delete): every session ends, so this client's token
   * stops working. A wrong password is `wrong_password`.
   */
  deleteAccount(body: DeleteAccountBody): Promise<void> {
    return this.call('POST', '/me/delete', body);
  }

  sessions(): Promise<SessionList> {
    return this.call('GET', '/me/sessions');
  }

  /** Signs one of my device sessions out (another user's session is `not_found`). */
  revokeSession(sessionId: string): Promise<void> {
    return this.call('DELETE', `/me/sessions/${encodeURIComponent(sessionId)}`);
  }

  /**
   * "Export my data": a zip of my profile, friends, conversations and uploads, with bytes
   * received reported as it arrives (PROTOCOL.md, `GET /me/export`).
   */
  exportData(options: ExportDataOptions = {}): Promise<ExportedData> {
    return downloadExport(this.fetch, `${this.baseUrl}/api/v1/me/export`, this.currentToken, options);
  }

  searchUsers(params: SearchUsersParams): Promise<UserPage> {
    const query = new URLSearchParams({ q: params.q });
    if (params.limit !== undefined) query.set('limit', String(params.limit));
    if (params.cursor !== undefined) query.set('cursor', params.cursor);
    return this.call('GET', `/users?${query}`);
  }

  user(userId: string): Promise<PublicUser> {
    return this.call('GET', `/users/${encodeURIComponent(userId)}`);
  }

  userByUsername(username: string): Promise<PublicUser> {
    return this.call('GET', `/users/by-username/${encodeURIComponent(username)}`);
  }

  /**
   * The users I may see who are online now (what `hello` answers). Ask again when the people
   * I may see change — a new friend or group mate, a friend removed, a block — since presence
   * events report only changes.
   */
  presence(): Promise<{ online: string[] }> {
    return this.call('GET', '/presence');
  }

  /** A single-use registration code (admins only; others get `forbidden`). */
  createInvite(params: CreateInviteParams = {}): Promise<Invite> {
    return this.call('POST', '/invites', params);
  }

  private async call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    // Only with a body: the server refuses an empty body declared as JSON.
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.currentToken !== undefined) headers.authorization = `Bearer ${this.currentToken}`;

    let response: Response;
    try {
      response = await this.fetch(`${this.baseUrl}/api/v1${path}`, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw new ParleyError('network', `${method} ${path}: could not reach the server (${messageOf(err)})`, {
        cause: err,
      });
    }
    if (response.status === 204) return undefined as T;

    let data: unknown;
    try {
      data = await response.json();
    } catch (err) {
      // A body cut off by a dropped connection is a network failure; anything else is not ours.
      const code = err instanceof SyntaxError ? 'bad_response' : 'network';
      throw new ParleyError(code, `${method} ${path}: HTTP ${response.status} without a JSON body`, {
        status: response.status,
        cause: err,
      });
    }
    if (response.ok) return data as T;
    const refusal = (data as { error?: unknown } | null)?.error;
    if (isErrorBody(refusal)) throw ParleyError.fromBody(refusal, response.status);
    throw new ParleyError('bad_response', `${method} ${path}: HTTP ${response.status}`, {
      status: response.status,
    });
  }
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  return new HttpClient(options);
}

function isErrorBody(
  value: unknown,
): value is { code: string; message: string; field?: string; retryAfter?: number } {
  const body = value as { code?: unknown; message?: unknown } | null | undefined;
  return typeof body?.code === 'string' && typeof body.message === 'string';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
