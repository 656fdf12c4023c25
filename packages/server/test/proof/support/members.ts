import type { Message } from '@parley/protocol';
import {
  type Connection,
  ConversationStore,
  type OutboxItem,
  ParleyClient,
  type WebSocketConstructor,
} from '@parley/sdk';
import { expect } from 'vitest';
import { WebSocket } from 'ws';
import { sleep, until } from './settings.ts';

/** Quick reconnects, so the proofs do not wait out production backoff. */
const backoff = { initialMs: 50, maxMs: 400 };
const password = 'correct horse battery';

/** One member as a real client runs: a signed-in ParleyClient, its Connection and its store. */
export interface Member {
  name: string;
  client: ParleyClient;
  connection: Connection;
  store: ConversationStore;
  /** Ends the current socket underneath the SDK, without a close frame; the SDK reconnects. */
  cut(): void;
  /** While true, new sockets fail to connect (the member is offline). */
  offline: boolean;
  close(): void;
}

export async function signUp(baseUrl: string, name: string): Promise<ParleyClient> {
  const client = new ParleyClient({ baseUrl, WebSocket });
  await client.register({ username: name, displayName: name, password });
  return client;
}

/**
 * Connects `client` with a socket the proof can cut, and a store on that connection. With
 * `pickUrl`, every new socket goes where it says at that moment: the stand-in for a load
 * balancer sending a reconnecting client to a node that is up (test/cluster).
 */
export function connectMember(name: string, client: ParleyClient, pickUrl?: () => string): Member {
  const sockets: WebSocket[] = [];
  const member = { offline: false } as Member;
  class Cuttable extends WebSocket {
    constructor(url: string) {
      super(member.offline ? 'ws://127.0.0.1:9/ws' : (pickUrl?.() ?? url));
      sockets.splice(0, sockets.length, this);
    }
  }
  const connection = client.connect({ WebSocket: Cuttable as WebSocketConstructor, backoff });
  const store = new ConversationStore({ http: client.http, connection, retryMs: 200, ackTimeoutMs: 5000 });
  return Object.assign(member, {
    name,
    client,
    connection,
    store,
    cut: () => sockets.at(-1)?.terminate(),
    close() {
      store.dispose();
      connection.close();
    },
  });
}

/**
 * Every member keeps three messages in its outbox at all times, whatever the servers do,
 * until `stop()`, which resolves once they have stopped adding. `items` holds every send.
 */
export function keepSending(
  members: Member[],
  conversationId: string,
): { items: OutboxItem[]; acked(): number; stop(): Promise<void> } {
  const items: OutboxItem[] = [];
  let sending = true;
  const loops = members.map(async (member) => {
    const mine: OutboxItem[] = [];
    for (let i = 0; sending;) {
      if (mine.filter((item) => item.status === 'queued' || item.status === 'sending').length < 3) {
        const item = member.store.send(conversationId, `${member.name} ${i++}`);
        mine.push(item);
        items.push(item);
      } else await sleep(2);
    }
  });
  return {
    items,
    acked: () => items.filter((item) => item.status === 'sent').length,
    async stop() {
      sending = false;
      await Promise.all(loops);
    },
  };
}

/** An open group made by the first of `clients`, which the others join. */
export async function groupOf(clients: ParleyClient[]): Promise<string> {
  const [owner, ...others] = clients;
  const group = await owner!.http.groups.create({ name: 'Proof', joinPolicy: 'open' });
  for (const other of others) await other.http.groups.join(group.id);
  return group.id;
}

/**
 * The member's store holds exactly the stored history of the conversation: every seq from 1
 * to the last, once, in order, the same messages (ids and texts) as the server's.
 */
export async function expectInStep(member: Member, history: Message[], timeoutMs: number): Promise<void> {
  const id = history[0]!.conversationId;
  const last = history.at(-1)!.seq;
  await until(() => member.store.cursor(id) >= last, timeoutMs, `${member.name} catches up to seq ${last}`);
  const held = member.store.messages(id);
  expect(held.map((m) => m.seq)).toEqual(history.map((_, i) => i + 1));
  expect(held.map((m) => m.id)).toEqual(history.map((m) => m.id));
  expect(held.map((m) => m.text)).toEqual(history.map((m) => m.text));
}

/** Checks every ack against the stored history: present once, at the acked seq, with its clientMsgId. */
export function countAcks(
  history: Message[],
  acks: { clientMsgId: string; id: string; seq: number }[],
): { acked: number; lost: number; duplicated: number } {
  const byClientId = new Map<string, Message[]>();
  for (const message of history) {
    if (message.clientMsgId === null) continue;
    byClientId.set(message.clientMsgId, [...(byClientId.get(message.clientMsgId) ?? []), message]);
  }
  let lost = 0;
  for (const ack of acks) {
    const stored = byClientId.get(ack.clientMsgId) ?? [];
    if (stored.length !== 1 || stored[0]!.id !== ack.id || stored[0]!.seq !== ack.seq) lost += 1;
  }
  const duplicated = [...byClientId.values()].filter((copies) => copies.length > 1).length;
  return { acked: acks.length, lost, duplicated };
}
