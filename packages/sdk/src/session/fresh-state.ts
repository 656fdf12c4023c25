import type { Me } from '@parley/protocol';
import type { HttpClient } from '../http.ts';
import { initialState } from './initial-state.ts';
import { membersPart, partsOf } from './parts.ts';
import type { LoadedPart, SessionState } from './session-state.ts';

/**
 * The state as a client that just signed in would load it: every part asked of the server,
 * with no connection and no events. Tests compare it with a live session's state (the events
 * a session applied must leave it where a fresh load would); `members` and `stickers` name
 * what the live session holds beyond the parts every session loads.
 */
export async function loadFreshState(
  http: HttpClient,
  me: Me,
  hold: { members?: readonly string[]; stickers?: boolean } = {},
): Promise<SessionState> {
  let state = initialState(me);
  const parts = partsOf(http, () => state);
  const put = async (fetch: () => Promise<(s: SessionState) => SessionState>) => {
    const into = await fetch();
    state = into(state);
  };
  const first: LoadedPart[] = [
    'conversations',
    'friends',
    'online',
    'blocks',
    'requests',
    'invitations',
    'settings',
  ];
  for (const part of first) await put(() => parts[part].fetch());
  await put(() => parts.joinRequests.fetch());
  for (const id of hold.members ?? []) await put(() => membersPart(http, id).fetch());
  if (hold.stickers) {
    const [stickers, customEmoji] = await Promise.all([http.stickers.list(), http.stickers.customEmoji()]);
    state = { ...state, stickers, customEmoji };
  }
  return { ...state, me: await http.me() };
}
