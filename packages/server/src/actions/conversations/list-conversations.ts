import type { Actor } from '../../access/session.ts';
import { presentConversation } from '../../presenters/conversations.ts';
import { presentUser } from '../../presenters/users.ts';
import type { Services } from '../../services.ts';
import { conversationsOfUser } from '../../store/conversations.ts';
import { peersOf } from '../../store/peers.ts';

/** Every conversation the caller is in, latest activity first, direct ones with their peer. */
export async function listConversations(services: Services, actor: Actor) {
  const db = services.store.db;
  const rows = await conversationsOfUser(db, actor.user.id);
  const peers = await peersOf(
    db,
    actor.user.id,
    rows.filter((r) => r.kind === 'direct').map((r) => r.id),
  );
  return {
    conversations: rows.map(({ my_role, my_muted_until, ...row }) => {
      const peer = peers.get(row.id);
      return presentConversation(
        row,
        { role: my_role, muted_until: my_muted_until },
        peer ? presentUser(peer) : null,
      );
    }),
  };
}
