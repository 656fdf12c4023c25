import type { Me } from '@parley/protocol';
import type { SessionState } from './session-state.ts';

/** What a session knows before the server answers: who signed in, and nothing else yet. */
export function initialState(me: Me): SessionState {
  return {
    me,
    settings: null,
    connection: 'connecting',
    conversations: [],
    members: {},
    friends: [],
    online: new Set(),
    onlineIn: {},
    blocks: [],
    incoming: [],
    outgoing: [],
    invitations: [],
    joinRequests: [],
    typing: {},
    stickers: null,
    customEmoji: null,
    users: { [me.id]: me },
    loaded: {
      conversations: false,
      friends: false,
      online: false,
      blocks: false,
      requests: false,
      invitations: false,
      joinRequests: false,
      settings: false,
    },
    ended: null,
  };
}
