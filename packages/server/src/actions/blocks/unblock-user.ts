import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { type Services, transact } from '../../services.ts';
import { deleteBlock } from '../../store/blocks.ts';
import { userById } from '../../store/users.ts';

/**
 * Lifts a block (if there was none, nothing changes). Requests set aside while it lasted stay
 * set aside; the other person may withdraw and ask again. Only the caller's devices hear it.
 */
export async function unblockUser(services: Services, actor: Actor, userId: string): Promise<void> {
  const me = actor.user.id;
  if (userId === me)
    throw new AppError('invalid_request', 'you cannot unblock yourself', { field: 'userId' });
  await transact(services, async (tx, emit) => {
    if (!(await userById(tx, userId))) throw new AppError('not_found', 'no such user');
    if (!(await deleteBlock(tx, me, userId))) return;
    emit({ to: { users: [me] }, event: { event: 'user.unblocked', data: { userId } } });
  });
}
