import type { Message } from '@parley/protocol';
import { noticeText } from './notice-text.ts';

type NameOf = (userId: string | null) => string;

/** What a message says, as text a terminal can show (media as a tag with its caption). */
export function messageBody(m: Message, name: NameOf): string {
  if (m.recalledAt) return `(recalled by ${name(m.recalledBy ?? m.senderId)})`;
  if (m.kind === 'system') return m.notice ? noticeText(m.notice, name) : '';
  const tag =
    m.kind === 'image'
      ? '[image]'
      : m.kind === 'voice'
        ? '[voice message]'
        : m.kind === 'sticker'
          ? `[sticker${m.sticker?.emoji ? ` ${m.sticker.emoji}` : ''}]`
          : m.kind === 'file'
            ? `[file ${m.attachment?.name ?? ''}]`
            : '';
  return [tag, m.text].filter(Boolean).join(' ');
}

/** One line for the chat list and notifications: "Bob: hello". */
export function messagePreview(m: Message, name: NameOf): string {
  const body = messageBody(m, name);
  return m.kind === 'system' || m.senderId === null ? body : `${name(m.senderId)}: ${body}`;
}

/** 14:05 today, else 03-14 14:05. */
export function timeOf(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  const hm = `${two(d.getHours())}:${two(d.getMinutes())}`;
  return d.toDateString() === now.toDateString() ? hm : `${two(d.getMonth() + 1)}-${two(d.getDate())} ${hm}`;
}
