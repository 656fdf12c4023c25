import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { type Services, transact } from '../../services.ts';
import { deleteSessionOfUser } from '../../store/sessions.ts';

/** Signs one of the caller's devices out; another user's session is simply "not found". */
export async function revokeSession(services: Services, actor: Actor, sessionId: string): Promise<void> {
  await transact(services, async (tx, emit) => {
    if (!(await deleteSessionOfUser(tx, actor.user.id, sessionId))) {
      throw new AppError('not_found', 'no such session');
    }
    emit({
      to: { sessions: [sessionId] },
      event: {
        event: 'session.revoked',
        data: { sessionId, reason: sessionId === actor.session.id ? 'logged_out' : 'revoked' },
      },
    });
  });
}
