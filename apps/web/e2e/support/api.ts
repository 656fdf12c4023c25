import { randomUUID } from 'node:crypto';
import type { AuthResult, Conversation, Me, MessageAck } from '@parley/protocol';

/**
 * Plain REST calls to /api/v1 for the setup steps a test is not about (making two people
 * friends, a message from someone who has no browser open). Errors throw with the server's
 * answer in the message.
 */
export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  static async register(baseUrl: string, username: string, displayName: string, password: string) {
    const res = await fetch(`${baseUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, displayName, password, deviceName: 'e2e setup' }),
    });
    if (res.status !== 201) throw new Error(`register ${username}: ${res.status} ${await res.text()}`);
    return (await res.json()) as AuthResult;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  me = () => this.call<Me>('GET', '/me');
  conversations = () =>
    this.call<{ conversations: Conversation[] }>('GET', '/conversations').then((r) => r.conversations);

  async lobby(): Promise<Conversation> {
    const lobby = (await this.conversations()).find((c) => c.kind === 'lobby');
    if (!lobby) throw new Error('no lobby conversation');
    return lobby;
  }

  send(conversationId: string, text: string) {
    return this.call<MessageAck>('POST', `/conversations/${conversationId}/messages`, {
      clientMsgId: randomUUID(),
      text,
    });
  }

  /** Makes this person and `other` friends (a request and its acceptance). */
  async befriend(other: Api): Promise<void> {
    const them = await other.me();
    const sent = await this.call<{ status: string; request: { id: string } }>('POST', '/friend-requests', {
      userId: them.id,
    });
    if (sent.status !== 'accepted') await other.call('POST', `/friend-requests/${sent.request.id}/accept`);
  }

  /** Opens (or reuses) the direct conversation with `other`. */
  async direct(other: Api): Promise<Conversation> {
    const them = await other.me();
    return this.call<Conversation>('POST', '/conversations/direct', { userId: them.id });
  }

  /** Makes a group owned by this person with `members` (who must be friends) in it at once. */
  async createGroup(name: string, members: Api[]): Promise<Conversation> {
    const memberIds = await Promise.all(members.map(async (m) => (await m.me()).id));
    return this.call<Conversation>('POST', '/groups', { name, memberIds });
  }
}
