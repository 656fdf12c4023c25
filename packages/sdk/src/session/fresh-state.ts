import type { Me } from '@parley/protocol';
import type { HttpClient } from '../http.ts';
import { initialState } from './initial-state.ts';
import { membersPart, onlinePart, partsOf } from './parts.ts';
import type { LoadedPart, SessionState } from './session-state.ts';

/**
 * The state as a client that just signed in would load it: every part asked of the server,
 * with no connection and no events. Tests compare it with a live session's state (the events
 * a session applied must leave it where a fresh load would); `members`, `onlineIn` and
 * `stickers` name what the live session holds beyond the parts every session loads.
 */
export async function loadFreshState(
  http: HttpClient,
  me: Me,
  hold: { members?: readonly string[]; onlineIn?: readonly string[]; stickers?: boolean } = {},
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
  // Asked at once (each answer is put in as it comes); only the join requests wait, being
  // asked for the groups the conversations say I manage.
  const [fresh] = await Promise.all([
    http.me(),
    ...first.map((part) => put(() => parts[part].fetch())),
    ...(hold.members ?? []).map((id) => put(() => membersPart(http, id).fetch())),
    ...(hold.onlineIn ?? []).map((id) => put(() => onlinePart(http, id).fetch())),
    hold.stickers &&
      Promise.all([http.stickers.list(), http.stickers.customEmoji()]).then(([stickers, customEmoji]) => {
        state = { ...state, stickers, customEmoji };
      }),
  ]);
  await put(() => parts.joinRequests.fetch());
  return { ...state, me: fresh };
}
