import type { Conversation, SystemNotice, UpdateGroupBody } from '@parley/protocol';
import { accessGroup } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { AppError } from '../../errors.ts';
import { now } from '../../ids.ts';
import { type Services, transact } from '../../services.ts';
import { showConversation } from '../conversations/show-conversation.ts';
import { updateConversation } from '../../store/conversations.ts';
import { memberIds } from '../../store/members.ts';
import type { ConversationRow } from '../../store/tables.ts';
import { postNotice } from '../conversations/post-notice.ts';
import { announceGroup } from './announce-group.ts';

/**
 * The owner or an admin changes the group's name, description or settings. A rename reads
 * "Alice renamed the group to …" in the history; other changes "Alice changed the group's
 * settings" (detail.fields lists which). Members hear `conversation.updated`. Changing nothing
 * changes nothing: no notice, no event. The lobby belongs to the server: nobody changes it.
 */
export async function updateGroup(
  services: Services,
  actor: Actor,
  id: string,
  body: UpdateGroupBody,
): Promise<Conversation> {
  const me = actor.user.id;
  await transact(services, async (tx, emit) => {
    const { conversation: group, member } = await accessGroup(tx, me, id, 'member');
    if (group.kind === 'lobby') throw new AppError('forbidden', 'nobody may change the lobby');
    if (member.role === 'member') throw new AppError('forbidden', 'only the owner or an admin can do that');
    const changes: Partial<ConversationRow> = {};
    if (body.name !== undefined && body.name !== group.name) changes.name = body.name;
    if (body.description !== undefined && body.description !== group.description)
      changes.description = body.description;
    if (body.joinPolicy !== undefined && body.joinPolicy !== group.join_policy)
      changes.join_policy = body.joinPolicy;
    if (body.inviteMode !== undefined && body.inviteMode !== group.invite_mode)
      changes.invite_mode = body.inviteMode;
    if (body.showPresence !== undefined && (body.showPresence ? 1 : 0) !== group.show_presence)
      changes.show_presence = body.showPresence ? 1 : 0;
    if (Object.keys(changes).length === 0) return;
    await updateConversation(tx, id, { ...changes, updated_at: now() });
    const { name, ...settings } = changes;
    const notices: SystemNotice[] = [];
    if (name !== undefined)
      notices.push({ type: 'group.renamed', actorId: me, userIds: [], detail: { name } });
    const fields = Object.keys(settings).map(fieldName).join(',');
    if (fields) notices.push({ type: 'group.updated', actorId: me, userIds: [], detail: { fields } });
    for (const notice of notices) await postNotice(tx, emit, id, notice);
    await announceGroup(tx, emit, id, await memberIds(tx, id));
  });
  // As the caller's list shows it, with unread counts and the latest message.
  return showConversation(services, actor, id);
}

const wireNames: Record<string, string> = {
  join_policy: 'joinPolicy',
  invite_mode: 'inviteMode',
  show_presence: 'showPresence',
};
const fieldName = (column: string): string => wireNames[column] ?? column;
