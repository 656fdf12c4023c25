import type { Message, SystemNotice } from '@parley/protocol';
import { i18next } from '../i18n/index.ts';

/** Names a user by id for notices and previews ("You" for me). */
export type NameOf = (userId: string | null) => string;

/** A system notice as a sentence: "Alice added Bob and Carol". */
export function noticeText(notice: SystemNotice, name: NameOf): string {
  const t = i18next.t.bind(i18next);
  const users = notice.userIds.map((id) => name(id)).join(t('chat:listSeparator'));
  return t(`chat:notice.${notice.type}`, {
    actor: name(notice.actorId),
    users,
    name: notice.detail?.name ?? '',
    defaultValue: notice.type,
  });
}

/** One line for the conversation list and reply quotes. */
export function messagePreview(m: Message, name: NameOf, withSender: boolean): string {
  const t = i18next.t.bind(i18next);
  if (m.recalledAt)
    // Removed by a server admin from the console: not someone in the chat, so not named.
    return m.recalledByServerAdmin
      ? t('chat:removedByAdmin')
      : t('chat:recalledBy', { name: name(m.recalledBy ?? m.senderId) });
  if (m.kind === 'system' && m.notice) return noticeText(m.notice, name);
  const body =
    m.kind === 'image'
      ? t('chat:preview.image')
      : m.kind === 'voice'
        ? t('chat:preview.voice')
        : m.kind === 'sticker'
          ? t('chat:preview.sticker')
          : m.kind === 'file'
            ? `${t('chat:preview.file')} ${m.attachment?.name ?? ''}`
            : m.text;
  const text = m.kind !== 'text' && m.text ? `${body} ${m.text}` : body;
  return withSender && m.senderId ? `${name(m.senderId)}: ${text}` : text;
}
