import type { Actor } from '../../access/session.ts';
import { accessConversation } from '../../access/conversations.ts';
import { presentMember } from '../../presenters/conversations.ts';
import type { Services } from '../../services.ts';
import { membersWithUsers } from '../../store/members.ts';

export async function listMembers(services: Services, actor: Actor, id: string) {
  await accessConversation(services.store.db, actor.user.id, id);
  const rows = await membersWithUsers(services.store.db, id);
  return { members: rows.map(({ member, user }) => presentMember(member, user)) };
}
