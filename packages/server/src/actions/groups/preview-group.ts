import type { GroupSummary } from '@parley/protocol';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { presentGroupSummary } from '../../presenters/groups.ts';
import type { Services } from '../../services.ts';
import { conversationById } from '../../store/conversations.ts';
import { membership } from '../../store/members.ts';

/**
 * The "join by link" screen: what a group is before joining. An invite-only group is "not
 * found" to outsiders, exactly like one that does not exist, so a guessed id gives nothing away.
 */
export async function previewGroup(services: Services, actor: Actor, id: string): Promise<GroupSummary> {
  const db = services.store.db;
  const group = await conversationById(db, id);
  const visible =
    group &&
    group.kind !== 'direct' &&
    (group.kind === 'lobby' || group.join_policy !== 'invite' || (await membership(db, id, actor.user.id)));
  if (!group || !visible) throw new AppError('not_found', 'no such group');
  return presentGroupSummary(group);
}
