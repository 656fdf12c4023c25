import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import { conversationById } from '../store/conversations.ts';
import { membership } from '../store/members.ts';
import type { ConversationRow, Database, MemberRow } from '../store/tables.ts';

export interface ConversationAccess {
  conversation: ConversationRow;
  member: MemberRow;
}

/**
 * The only way to load a conversation for a user: a conversation they are not in is simply
 * "not found", so its existence is not given away (HOUSE.md, habit 3).
 */
export async function accessConversation(
  db: Kysely<Database>,
  userId: string,
  conversationId: string,
): Promise<ConversationAccess> {
  const conversation = await conversationById(db, conversationId);
  const member = conversation && (await membership(db, conversationId, userId));
  if (!conversation || !member) throw new AppError('not_found', 'no such conversation');
  return { conversation, member };
}

/** A group (or the lobby) the user is in, with the role they need: admin means owner or admin. */
export async function accessGroup(
  db: Kysely<Database>,
  userId: string,
  groupId: string,
  needs: 'member' | 'admin' | 'owner' = 'member',
): Promise<ConversationAccess> {
  const access = await accessConversation(db, userId, groupId);
  if (access.conversation.kind === 'direct') throw new AppError('not_found', 'no such group');
  const role = access.member.role;
  if (needs === 'owner' && role !== 'owner')
    throw new AppError('forbidden', 'only the group owner can do that');
  if (needs === 'admin' && role === 'member')
    throw new AppError('forbidden', 'only the owner or an admin can do that');
  return access;
}
