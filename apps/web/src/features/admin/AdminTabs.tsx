import { Flag, LayoutDashboard, ScrollText, SlidersHorizontal, UserRound, UsersRound } from 'lucide-react';
import { type KeyboardEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import styles from './AdminConsole.module.css';

export const adminTabs = ['overview', 'users', 'groups', 'reports', 'settings', 'audit'] as const;
export type AdminTab = (typeof adminTabs)[number];

const icons = {
  overview: LayoutDashboard,
  users: UserRound,
  groups: UsersRound,
  reports: Flag,
  settings: SlidersHorizontal,
  audit: ScrollText,
} satisfies Record<AdminTab, unknown>;

export const tabId = (tab: AdminTab) => `admin-tab-${tab}`;
export const panelId = (tab: AdminTab) => `admin-panel-${tab}`;

const moves: Record<string, (at: number, last: number) => number> = {
  ArrowDown: (at, last) => (at === last ? 0 : at + 1),
  ArrowRight: (at, last) => (at === last ? 0 : at + 1),
  ArrowUp: (at, last) => (at === 0 ? last : at - 1),
  ArrowLeft: (at, last) => (at === 0 ? last : at - 1),
  Home: () => 0,
  End: (_, last) => last,
};

/**
 * The console's parts as an ARIA tablist, like Settings': one tab stop, arrows (a column on wide
 * screens, a wrapped row on phones), Home and End move and select.
 */
export function AdminTabs({ current, onChange }: { current: AdminTab; onChange(tab: AdminTab): void }) {
  const { t } = useTranslation('admin');
  const list = useRef<HTMLDivElement>(null);

  function onKeyDown(e: KeyboardEvent) {
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const tab = adminTabs[move(adminTabs.indexOf(current), adminTabs.length - 1)]!;
    onChange(tab);
    list.current?.querySelector<HTMLElement>(`#${tabId(tab)}`)?.focus();
  }

  return (
    <div ref={list} role="tablist" aria-label={t('sections')} className={styles.tabs} onKeyDown={onKeyDown}>
      {adminTabs.map((tab) => {
        const Icon = icons[tab];
        const selected = tab === current;
        return (
          <button
            key={tab}
            type="button"
            role="tab"
            id={tabId(tab)}
            aria-selected={selected}
            aria-controls={panelId(tab)}
            tabIndex={selected ? 0 : -1}
            className={styles.tab}
            onClick={() => onChange(tab)}
          >
            <Icon size={17} aria-hidden="true" />
            {t(`tab.${tab}`)}
          </button>
        );
      })}
    </div>
  );
}
