import { i18next } from '../i18n/index.ts';

function locale(): string {
  return i18next.language === 'zh' ? 'zh-CN' : 'en';
}

/**
 * One Intl.DateTimeFormat per language and style, made once: `toLocaleTimeString` makes a new
 * one on every call, which is slow enough to show when a list of chats or messages is drawn.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
function format(date: Date, options: Intl.DateTimeFormatOptions): string {
  const tag = locale();
  const key = `${tag} ${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(tag, options)));
  return f.format(date);
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** For the conversation list: a time today, "Yesterday", a weekday this week, else a date. */
export function listTime(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (sameDay(d, now)) return format(d, { hour: '2-digit', minute: '2-digit' });
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(d, yesterday)) return i18next.t('time.yesterday');
  if (now.getTime() - d.getTime() < 6 * 86400_000) return format(d, { weekday: 'short' });
  return format(d, {
    year: d.getFullYear() === now.getFullYear() ? undefined : 'numeric',
    month: 'short',
    day: 'numeric',
  });
}

/** For a message: hours and minutes. */
export function clockTime(iso: string): string {
  return format(new Date(iso), { hour: '2-digit', minute: '2-digit' });
}

/** For day separators in a chat: "Today", "Yesterday", or the full date. */
export function dayLabel(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (sameDay(d, now)) return i18next.t('time.today');
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(d, yesterday)) return i18next.t('time.yesterday');
  return format(d, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' });
}

export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}
