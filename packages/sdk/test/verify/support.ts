import { type Message, type ServerEvent, serverEventNames, serverEvents } from '@parley/protocol';
import type { TestServer } from '@parley/server/testing';
import { expect } from 'vitest';
import type { CreateGroupParams } from '../../src/api/groups.ts';
import { type ParleyClient, ParleySession, type SessionState, loadFreshState } from '../../src/index.ts';
import { clientFor, password } from '../support/people.ts';

/**
 * The verify_action harness (HOUSE.md habit 7, Zulip's `verify_action`): people with live
 * sessions, an action, then each person's live state — reached by applying the events their
 * session heard — compared with a fresh load from the server. See docs/testing.md.
 */

/** One person (or one of their devices) in a verify test: their client and the live session checked. */
export interface Person {
  /** For messages: alice, or "alice's phone". */
  name: string;
  id: string;
  username: string;
  client: ParleyClient;
  session: ParleySession;
  /** Every event this session heard since the last `verify` began, in order. */
  heard: ServerEvent[];
  /** Histories read from the server for the fresh loads, by conversation (see historyOf). */
  histories: Map<string, { key: string; messages: readonly Message[] }>;
}

let made = 0;
/** Every session opened, to reset what each heard when a verify begins (the ones not checked too). */
const opened = new Set<Person>();

/**
 * Signs `name` up (as `name` plus a counter: usernames are unique per server, and one server
 * serves a whole file) and opens their live session; resolves once it has loaded.
 */
export async function join(server: TestServer, name: string): Promise<Person> {
  made += 1;
  const username = `${name}${made}`;
  const client = clientFor(server);
  await client.register({ username, displayName: name[0]!.toUpperCase() + name.slice(1), password });
  return open(name, client);
}

/** The same person signed in on another device (a second login, a session of its own). */
export async function device(server: TestServer, person: Person, label = 'phone'): Promise<Person> {
  const client = clientFor(server);
  await client.login({ username: person.username, password });
  return open(`${person.name}'s ${label}`, client);
}

async function open(name: string, client: ParleyClient): Promise<Person> {
  const me = client.auth!.user;
  const session = new ParleySession({ client, me });
  const person: Person = {
    name,
    id: me.id,
    username: me.username,
    client,
    session,
    heard: [],
    histories: new Map(),
  };
  opened.add(person);
  const on = session.connection.on.bind(session.connection) as (
    name: string,
    listener: (data: unknown) => void,
  ) => () => void;
  for (const event of serverEventNames)
    on(event, (data) => person.heard.push({ event, data } as ServerEvent));
  await until(
    () => session.getSnapshot().connection === 'open' && session.getSnapshot().loaded.settings,
    15_000,
  );
  await session.idle();
  return person;
}

/** Closes every session (the server sees them go offline). */
export function leaveAll(people: readonly Person[] = []): void {
  for (const person of people) {
    person.session.dispose();
    opened.delete(person);
  }
}

/**
 * Zulip's verify_action: runs `action`, lets every person's session apply the events it
 * receives, then checks each one's state equals what a fresh load from the server gives, and
 * that every event heard meanwhile matches its protocol schema. A missing or wrong event
 * leaves a session different from the fresh load, and the test fails with the difference
 * and the events that person heard.
 */
export async function verify<T>(people: readonly Person[], action: () => Promise<T>): Promise<T> {
  const live = () => [...opened].filter((p) => p.session.connection.state === 'open');
  for (const person of opened) person.heard = [];
  const result = await action();
  // Events go out after commit, before the answer; a ping's reply comes behind them on the
  // same socket, so after it every session has heard what the action sent it (those not
  // checked too, for `heard`).
  await Promise.all(live().map((p) => p.session.connection.request('ping').catch(() => {})));
  await Promise.all(people.map((person) => agrees(person)));
  for (const person of people) checkSchemas(person);
  return result;
}

/** The names of the events `person` heard since the last verify began. */
export function heard(person: Person): string[] {
  return person.heard.map((e) => e.event);
}

/**
 * Waits (up to 5 s: loads an event asked for may still run) until the person's live state
 * equals a fresh load; fails with the difference.
 */
export async function agrees(person: Person): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    await person.session.idle();
    try {
      const [live, fresh] = [liveOf(person), await freshOf(person)];
      expect(live, `${person.name}'s session (heard: ${heard(person).join(', ') || 'nothing'})`).toEqual(
        fresh,
      );
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Each event heard parses with its schema, and carries nothing the schema does not name. */
function checkSchemas(person: Person): void {
  for (const { event, data } of person.heard) {
    const parsed = serverEvents[event].safeParse(data);
    expect(parsed.error, `${event} to ${person.name}`).toBeUndefined();
    expect(parsed.data, `${event} to ${person.name}: fields outside the schema`).toEqual(data);
  }
}

/**
 * What a live state and a fresh load must agree on: everything but what only a live client
 * has (the connection, typing, who it met along the way, load flags), with the online set as
 * a sorted list. Messages: every held conversation's messages.
 *
 * `me.updatedAt` is left out: no event carries it (`user.updated` is a PublicUser, sent to
 * everyone), so my other devices know it from sign-in and hello only, and nothing reads it.
 */
export function comparable(state: SessionState, messages: Record<string, unknown>): unknown {
  const { connection, typing, users, loaded, ended, online, me, ...rest } = state;
  void [connection, typing, users, loaded, ended];
  const { updatedAt, ...profile } = me;
  void updatedAt;
  return { ...rest, me: profile, online: [...online].sort(), messages };
}

function liveOf(person: Person): unknown {
  const state = person.session.getSnapshot();
  const held = person.session.messages.conversationIds();
  const messages = Object.fromEntries(
    state.conversations
      .filter((c) => held.includes(c.id))
      .map((c) => [c.id, person.session.messages.messages(c.id)]),
  );
  return comparable(state, messages);
}

async function freshOf(person: Person): Promise<unknown> {
  const live = person.session.getSnapshot();
  const http = person.client.http;
  const state = await loadFreshState(http, live.me, {
    members: Object.keys(live.members),
    onlineIn: Object.keys(live.onlineIn),
    stickers: live.stickers !== null,
  });
  const held = person.session.messages.conversationIds();
  const wanted = state.conversations.filter((c) => held.includes(c.id));
  const pages = await Promise.all(wanted.map((c) => historyOf(person, c)));
  return comparable(state, Object.fromEntries(wanted.map((c, i) => [c.id, pages[i]])));
}

/**
 * A conversation's whole history as the server has it. Every change to a stored message
 * moves the conversation's lastRev, and every new one its lastSeq, so a history read at the
 * same (lastSeq, lastRev) is the same and is not asked again (the suite's time goes to
 * requests).
 */
async function historyOf(person: Person, c: { id: string; lastSeq: number; lastRev: number }) {
  const key = `${c.lastSeq}:${c.lastRev}`;
  const known = person.histories.get(c.id);
  if (known?.key === key) return known.messages;
  const messages = await person.client.http.messages.allAfter(c.id, 0);
  person.histories.set(c.id, { key, messages });
  return messages;
}

export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The conversation with `id` as `person`'s session holds it. */
export function conversation(person: Person, id: string) {
  const found = person.session.getSnapshot().conversations.find((c) => c.id === id);
  if (!found) throw new Error(`${person.name} does not hold conversation ${id}`);
  return found;
}

/**
 * Lets each session hear and apply what was sent to it so far, and finish the loads that
 * asked for, without comparing: for setup steps, which tests of their own verify.
 */
export async function settle(people: readonly Person[]): Promise<void> {
  await Promise.all(
    people.map(async (p) => {
      await p.session.connection.request('ping');
      await p.session.idle();
    }),
  );
}

/** Makes `a` and `b` friends over plain HTTP; resolves with their direct conversation's id once both sessions have it. */
export async function befriend(a: Person, b: Person): Promise<string> {
  const { request } = await a.client.http.friends.request(b.id);
  const { friend } = await b.client.http.friends.accept(request.id);
  await settle([a, b]);
  return friend.conversationId;
}

/**
 * Makes `owner`'s group with `members` in it, and has every one of them hold its members (so
 * member events are verified too); resolves with its id once every session holds them.
 */
export async function makeGroup(
  owner: Person,
  members: readonly Person[],
  options: Omit<CreateGroupParams, 'memberIds'> = { name: 'Class 3' },
): Promise<string> {
  const group = await owner.client.http.groups.create({ ...options, memberIds: members.map((m) => m.id) });
  await hold(group.id, [owner, ...members]);
  return group.id;
}

/** Each person holds the members of `conversationId` from now on (once it is in their list). */
export async function hold(conversationId: string, people: readonly Person[]): Promise<void> {
  await Promise.all(
    people.map(async (p) => {
      await until(() => p.session.getSnapshot().conversations.some((c) => c.id === conversationId));
      await p.session.loadMembers(conversationId);
    }),
  );
  await settle(people);
}
