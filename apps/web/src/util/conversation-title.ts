import type { Conversation } from '@parley/protocol';
import type { ContactsModel } from '../model/contacts.ts';
import { nameOf } from '../model/contacts.ts';

/** A conversation's name as I see it: a friend's remark or name for direct chats, else the group's name. */
export function conversationTitle(c: Conversation, contacts: ContactsModel): string {
  if (c.kind === 'direct' && c.peer) {
    const friend = contacts.friend(c.peer.id);
    return friend ? nameOf(friend) : c.peer.displayName;
  }
  return c.name;
}

/** The picture for a conversation: the peer's avatar for direct chats. */
export function conversationAvatar(c: Conversation): string | null {
  return c.kind === 'direct' ? (c.peer?.avatarSmall ?? null) : c.avatarSmall;
}
