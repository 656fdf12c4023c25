import type { Conversation, Message } from '@parley/protocol';
import { conversationOf } from '@parley/sdk';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../model/app-context.ts';
import { toast } from '../../../ui/toast.tsx';
import { errorText } from '../../../util/error-text.ts';
import { saveSticker } from '../tools/save-sticker.ts';
import type { MessageToolActions } from '../tools/use-message-tools.ts';
import type { ChatActions } from './chat-actions.ts';

interface RowActionsOptions {
  conversation: Conversation;
  onReply(message: Message): void;
  onEdit(message: Message): void;
  jumpTo(seq: number): void;
  tools: MessageToolActions;
}

/** What a message row can do (see ChatActions), through the SDK session's actions. */
export function useRowActions({
  conversation,
  onReply,
  onEdit,
  jumpTo,
  tools,
}: RowActionsOptions): ChatActions {
  const { t } = useTranslation('chat');
  const { session } = useSession();
  const me = session.getSnapshot().me;
  const { id, kind } = conversation;
  const failed = (err: unknown) => toast(errorText(err), 'error');
  return useMemo<ChatActions>(
    () => ({
      conversationId: id,
      isGroup: kind !== 'direct',
      myUsername: me.username,
      myId: me.id,
      canModerate: () => {
        const c = conversationOf(session.getSnapshot(), id);
        return c?.kind === 'group' && c.myRole !== 'member';
      },
      reply: onReply,
      edit: onEdit,
      jumpTo,
      toggleReaction: (message, emoji) => {
        const mine = message.reactions.find((r) => r.emoji === emoji)?.userIds.includes(me.id);
        const call = mine ? session.chats.unreact(message.id, emoji) : session.chats.react(message.id, emoji);
        call.catch(failed);
      },
      recall: (message) => void session.chats.recall(message.id).catch(failed),
      forward: (message) => tools.forward([message]),
      saveSticker: (message) => void saveSticker(session, message),
      toggleSelected: tools.toggleSelected,
      isAnnouncement: (message) =>
        conversationOf(session.getSnapshot(), id)?.announcement?.messageId === message.id,
      pin: (message) =>
        void session.groups
          .setAnnouncement(id, message?.id ?? null)
          .then(() => toast(t(message ? 'announcement.pinned' : 'announcement.unpinned')), failed),
      hide: (message) => tools.hide([message]),
      report: tools.report,
      openImage: tools.view,
      retry: (clientMsgId) => void session.messages.retry(clientMsgId),
      discard: (clientMsgId) => session.messages.discard(clientMsgId),
    }),
    [session, id, kind, me.id, me.username, onReply, onEdit, jumpTo, tools, t],
  );
}
