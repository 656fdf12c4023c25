import type { Actor } from '../../access/session.ts';
import { type Services, transact } from '../../services.ts';
import { deleteSessionOfUser } from '../../store/sessions.ts';

/** Ends the caller's own session; its open sockets are told and closed. */
export async function logOut(services: Services, actor: Actor): Promise<void> {
  await transact(services, async (tx, emit) => {
    await deleteSessionOfUser(tx, actor.user.id, actor.session.id);
    emit({
      to: { sessions: [actor.session.id] },
      event: { event: 'session.revoked', data: { sessionId: actor.session.id, reason: 'logged_out' } },
    });
  });
}
