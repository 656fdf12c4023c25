import { type OnlineMembers, compareOnline, limits } from '@parley/protocol';
import { accessConversation } from '../../access/conversations.ts';
import type { Actor } from '../../access/session.ts';
import { presentUser } from '../../presenters/users.ts';
import type { Services } from '../../services.ts';
import { membersAmong } from '../../store/members.ts';
import { visibleOnline } from './visible-online.ts';

/**
 * The members of one of my conversations who are online now and whom I may see (a chat room's
 * online list): who of my presence audience is online (visibleOnline: asked about my audience
 * only, never everyone online), narrowed to the conversation's members. The first
 * `limits.onlineListMax` in `compareOnline` order are named; `total` counts them all. Works
 * for any conversation I am in; in a group that hides presence it lists only the members I
 * may see for other reasons (friends, another room we share).
 */
export async function listOnlineIn(
  services: Services,
  actor: Actor,
  conversationId: string,
): Promise<OnlineMembers> {
  const { db } = services.store;
  await accessConversation(db, actor.user.id, conversationId);
  const online = await visibleOnline(services, actor.user.id);
  const users = (await membersAmong(db, conversationId, online)).map(presentUser).sort(compareOnline);
  return { users: users.slice(0, limits.onlineListMax), total: users.length };
}
