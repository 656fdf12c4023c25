import * as RadixDialog from '@radix-ui/react-dialog';
import { type LucideIcon, X } from 'lucide-react';
import { type KeyboardEvent, type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useReturnFocus } from './return-focus.ts';
import styles from './TabbedDialog.module.css';

export interface DialogTab<T extends string> {
  id: T;
  label: string;
  icon: LucideIcon;
}

interface Props<T extends string> {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  /** The tab list's accessible name. */
  tabsLabel: string;
  tabs: readonly DialogTab<T>[];
  current: T;
  onChange(tab: T): void;
  /** Makes the tabs' and panels' element ids unique on the page (`<prefix>-tab-<id>`). */
  idPrefix: string;
  /** Larger, for lists (the admin console). */
  wide?: boolean;
  /** The current tab's panel. */
  children: ReactNode;
}

const moves: Record<string, (at: number, last: number) => number> = {
  ArrowDown: (at, last) => (at === last ? 0 : at + 1),
  ArrowRight: (at, last) => (at === last ? 0 : at + 1),
  ArrowUp: (at, last) => (at === 0 ? last : at - 1),
  ArrowLeft: (at, last) => (at === 0 ? last : at - 1),
  Home: () => 0,
  End: (_, last) => last,
};

/**
 * A dialog of tabs (Settings, the admin console): tabs down the side on a wide screen, across
 * the top (wrapping) on a phone, where the dialog fills the screen. Built on Radix Dialog
 * directly (not ui/Dialog) for the full-screen phone layout; focus trapping, Escape and the
 * title label are Radix's, focus back on the opener is ui/return-focus. The tabs are an ARIA
 * tablist: one tab stop; arrows (either direction, since it is a column or a row), Home and
 * End move and select.
 */
export function TabbedDialog<T extends string>({
  open,
  onOpenChange,
  title,
  tabsLabel,
  tabs,
  current,
  onChange,
  idPrefix,
  wide = false,
  children,
}: Props<T>) {
  const { t } = useTranslation();
  const returnFocus = useReturnFocus(open);
  const list = useRef<HTMLDivElement>(null);
  const tabId = (tab: T) => `${idPrefix}-tab-${tab}`;
  const panelId = (tab: T) => `${idPrefix}-panel-${tab}`;

  function onKeyDown(e: KeyboardEvent) {
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const at = tabs.findIndex((tab) => tab.id === current);
    const tab = tabs[move(at, tabs.length - 1)]!.id;
    onChange(tab);
    list.current?.querySelector<HTMLElement>(`#${tabId(tab)}`)?.focus();
  }

  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={styles.overlay} />
        <RadixDialog.Content
          className={wide ? `${styles.content} ${styles.wide}` : styles.content}
          aria-describedby={undefined}
          {...returnFocus}
        >
          <header className={styles.header}>
            <RadixDialog.Title className={styles.title}>{title}</RadixDialog.Title>
            <RadixDialog.Close className={styles.close} aria-label={t('common:close')}>
              <X size={18} />
            </RadixDialog.Close>
          </header>
          <div className={styles.layout}>
            <div
              ref={list}
              role="tablist"
              aria-label={tabsLabel}
              className={styles.tabs}
              onKeyDown={onKeyDown}
            >
              {tabs.map(({ id, label, icon: Icon }) => {
                const selected = id === current;
                return (
                  <button
                    key={id}
                    type="button"
                    role="tab"
                    id={tabId(id)}
                    aria-selected={selected}
                    aria-controls={panelId(id)}
                    tabIndex={selected ? 0 : -1}
                    className={styles.tab}
                    onClick={() => onChange(id)}
                  >
                    <Icon size={17} aria-hidden="true" />
                    {label}
                  </button>
                );
              })}
            </div>
            <section
              role="tabpanel"
              id={panelId(current)}
              aria-labelledby={tabId(current)}
              className={styles.panel}
              tabIndex={-1}
            >
              {open && children}
            </section>
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
