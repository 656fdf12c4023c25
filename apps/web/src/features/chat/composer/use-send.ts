import { limits, type Message, type Sticker } from '@parley/protocol';
import { useState } from 'react';
import { useSession } from '../../../model/app-context.ts';
import { toast } from '../../../ui/toast.tsx';
import { errorText } from '../../../util/error-text.ts';

interface SendOptions {
  conversationId: string;
  text: string;
  replyTo: Message | null;
  editing: Message | null;
  /** After a send or a saved edit: empty the box, close the reply or the edit. */
  sent(): void;
  onEditDone(): void;
}

/**
 * What the send button does: a new message into the SDK's outbox (shown at once, sent when the
 * connection allows), or the edit of one of mine saved. A refusal shows as a toast and the text
 * stays in the box.
 */
export function useSend({ conversationId, text, replyTo, editing, sent, onEditDone }: SendOptions) {
  const { session } = useSession();
  const [saving, setSaving] = useState(false);
  const trimmed = text.trim();
  const tooLong = trimmed.length > limits.messageTextMax;

  const saveEdit = async (message: Message) => {
    if (!trimmed || tooLong || saving) return;
    if (trimmed === message.text) return onEditDone();
    setSaving(true);
    try {
      await session.chats.edit(message.id, trimmed);
      onEditDone();
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setSaving(false);
    }
  };

  const send = () => {
    if (editing) return void saveEdit(editing);
    if (!trimmed || tooLong) return;
    try {
      session.chats.send(conversationId, trimmed, replyTo ? { replyToId: replyTo.id } : {});
    } catch (err) {
      toast(errorText(err), 'error');
      return;
    }
    sent();
  };

  const sendSticker = (sticker: Sticker) => {
    try {
      session.chats.send(conversationId, '', { stickerId: sticker.id });
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };

  /** ↑ in an empty box: my newest text message still standing, if any. */
  const lastEditable = (): Message | undefined => {
    const me = session.getSnapshot().me.id;
    return session.messages
      .view(conversationId)
      .messages.findLast((m) => m.senderId === me && m.kind === 'text' && !m.recalledAt);
  };

  return { send, sendSticker, saving, trimmed, tooLong, lastEditable };
}
