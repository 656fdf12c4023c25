import { Bell, Palette, Shield, UserRound, KeyRound } from 'lucide-react';
import { type KeyboardEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import styles from './SettingsDialog.module.css';

export const settingsTabs = ['profile', 'account', 'privacy', 'notifications', 'appearance'] as const;
export type SettingsTab = (typeof settingsTabs)[number];

const icons = {
  profile: UserRound,
  account: KeyRound,
  privacy: Shield,
  notifications: Bell,
  appearance: Palette,
} satisfies Record<SettingsTab, unknown>;

export const tabId = (tab: SettingsTab) => `settings-tab-${tab}`;
export const panelId = (tab: SettingsTab) => `settings-panel-${tab}`;

/**
 * The section list as an ARIA tablist: one tab stop, arrow keys (either direction, since it is
 * a column on wide screens and a row on phones), Home and End move and select.
 */
export function SettingsTabs({
  current,
  onChange,
}: {
  current: SettingsTab;
  onChange(tab: SettingsTab): void;
}) {
  const { t } = useTranslation('settings');
  const list = useRef<HTMLDivElement>(null);

  function onKeyDown(e: KeyboardEvent) {
    const at = settingsTabs.indexOf(current);
    const last = settingsTabs.length - 1;
    const next =
      e.key === 'ArrowDown' || e.key === 'ArrowRight'
        ? at === last
          ? 0
          : at + 1
        : e.key === 'ArrowUp' || e.key === 'ArrowLeft'
          ? at === 0
            ? last
            : at - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    if (next === null) return;
    e.preventDefault();
    const tab = settingsTabs[next]!;
    onChange(tab);
    list.current?.querySelector<HTMLElement>(`#${tabId(tab)}`)?.focus();
  }

  return (
    <div ref={list} role="tablist" aria-label={t('sections')} className={styles.tabs} onKeyDown={onKeyDown}>
      {settingsTabs.map((tab) => {
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
