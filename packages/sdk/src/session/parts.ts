import type { PublicUser } from '@parley/protocol';
import type { HttpClient } from '../http.ts';
import type { Part } from './loads.ts';
import { newestFirst, sortConversations, sortFriends } from './order.ts';
import { manages } from './reduce/groups.ts';
import { sortMembers } from './reduce/members.ts';
import { onlineList } from './reduce/online-in.ts';
import { meet } from './reduce/users.ts';
import type { LoadedPart, SessionState } from './session-state.ts';

type Fields = readonly (keyof SessionState)[];

/** A part whose answer sets `fields` and marks `loaded[name]`; the people in it are met. */
function part(
  name: LoadedPart,
  fields: Fields,
  fetch: () => Promise<{ patch: Partial<SessionState>; people: PublicUser[] }>,
): Part {
  return {
    key: name,
    async fetch() {
      const { patch, people } = await fetch();
      return (state) => meet({ ...state, ...patch, loaded: { ...state.loaded, [name]: true } }, people);
    },
    keep: (from, into) => ({
      ...into,
      ...Object.fromEntries(fields.map((f) => [f, from[f]])),
      loaded: { ...into.loaded, [name]: true },
      users: from.users === into.users ? into.users : { ...into.users, ...from.users },
    }),
  };
}

/** Every part of the state that is loaded from the server, by name. */
export function partsOf(http: HttpClient, state: () => SessionState): Record<LoadedPart, Part> {
  return {
    conversations: part('conversations', ['conversations'], async () => {
      const { conversations } = await http.conversations.list();
      return {
        patch: { conversations: sortConversations(conversations) },
        people: conversations.flatMap((c) => (c.peer ? [c.peer] : [])),
      };
    }),
    friends: part('friends', ['friends'], async () => {
      const { friends } = await http.friends.list();
      return { patch: { friends: sortFriends(friends) }, people: friends.map((f) => f.user) };
    }),
    online: part('online', ['online'], async () => ({
      patch: { online: new Set((await http.presence()).online) },
      people: [],
    })),
    blocks: part('blocks', ['blocks'], async () => {
      const { blocks } = await http.friends.blocks();
      return { patch: { blocks }, people: blocks.map((b) => b.user) };
    }),
    requests: part('requests', ['incoming', 'outgoing'], async () => {
      const { incoming, outgoing } = await http.friends.requests();
      return {
        patch: { incoming: newestFirst(incoming), outgoing: newestFirst(outgoing) },
        people: [...incoming.map((r) => r.from), ...outgoing.map((r) => r.to)],
      };
    }),
    invitations: part('invitations', ['invitations'], async () => {
      const { invitations } = await http.groups.invitations();
      return { patch: { invitations: newestFirst(invitations) }, people: invitations.map((i) => i.inviter) };
    }),
    joinRequests: part('joinRequests', ['joinRequests'], async () => {
      const groups = managedGroups(state());
      // A group I stopped managing meanwhile refuses: it has nothing for me.
      const pages = await Promise.all(
        groups.map((id) => http.groups.joinRequests(id).catch(() => ({ requests: [] }))),
      );
      const joinRequests = pages
        .flatMap((p) => p.requests)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
      return { patch: { joinRequests }, people: joinRequests.map((r) => r.applicant) };
    }),
    settings: part('settings', ['settings'], async () => ({
      patch: { settings: await http.settings() },
      people: [],
    })),
  };
}

/** The members of one conversation (held once asked for). */
export function membersPart(http: HttpClient, conversationId: string): Part {
  return {
    key: `members:${conversationId}`,
    async fetch() {
      const { members } = await http.conversations.members(conversationId);
      return (state) =>
        meet(
          { ...state, members: { ...state.members, [conversationId]: sortMembers(members) } },
          members.map((m) => m.user),
        );
    },
    keep: (from, into) => {
      const members = from.members[conversationId];
      // Left or removed while the page was on the way: not held any more.
      const gone = into.loaded.conversations && !into.conversations.some((c) => c.id === conversationId);
      if (!members || gone) return into;
      return {
        ...into,
        members: { ...into.members, [conversationId]: members },
        users: { ...into.users, ...from.users },
      };
    },
  };
}

/** One conversation's online list (held once asked for), its people met. */
export function onlinePart(http: HttpClient, conversationId: string): Part {
  return {
    key: `online:${conversationId}`,
    async fetch() {
      const { users, total } = await http.conversations.online(conversationId);
      return (state) =>
        meet(
          { ...state, onlineIn: { ...state.onlineIn, [conversationId]: onlineList(users, total) } },
          users,
        );
    },
    keep: (from, into) => {
      const list = from.onlineIn[conversationId];
      // Left or removed while the answer was on the way: not held any more.
      const gone = into.loaded.conversations && !into.conversations.some((c) => c.id === conversationId);
      if (!list || gone) return into;
      return {
        ...into,
        onlineIn: { ...into.onlineIn, [conversationId]: list },
        users: { ...into.users, ...from.users },
      };
    },
  };
}

/** Ids of the groups whose join applications I decide, sorted. */
export function managedGroups(state: SessionState): string[] {
  return state.conversations
    .filter((c) => manages(state, c.id))
    .map((c) => c.id)
    .sort();
}
