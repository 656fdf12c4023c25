import { i18next } from '../../i18n/index.ts';
import { dayLabel, clockTime } from '../../util/format-time.ts';

/** A count with the language's grouping: 12,345 / 12,345. */
export function count(n: number): string {
  return n.toLocaleString(i18next.language === 'zh' ? 'zh-CN' : 'en');
}

/** When something happened, to the minute: "Today 14:05", "3 December 2026 (Thu) 09:12". */
export function when(iso: string): string {
  return `${dayLabel(iso)} ${clockTime(iso)}`;
}
