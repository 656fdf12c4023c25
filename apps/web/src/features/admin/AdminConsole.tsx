import * as RadixDialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import { type ComponentType, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReturnFocus } from '../../ui/return-focus.ts';
import { AuditTab } from './AuditTab.tsx';
import styles from './AdminConsole.module.css';
import { type AdminTab, AdminTabs, panelId, tabId } from './AdminTabs.tsx';
import { GroupsTab } from './GroupsTab.tsx';
import { OverviewTab } from './OverviewTab.tsx';
import { ReportsTab } from './ReportsTab.tsx';
import { ServerSettingsTab } from './ServerSettingsTab.tsx';
import { UsersTab } from './UsersTab.tsx';

const panels: Record<AdminTab, ComponentType<{ onOpen(tab: AdminTab): void }>> = {
  overview: OverviewTab,
  users: UsersTab,
  groups: GroupsTab,
  reports: ReportsTab,
  settings: ServerSettingsTab,
  audit: AuditTab,
};

/**
 * The admin console (issue 16), opened from the profile menu by a server admin: counts, users,
 * groups, reports, run-time settings and invite codes, and the audit log. The same frame as
 * Settings (tabs down the side, across the top on a phone where it fills the screen), wider
 * for the lists. Each tab loads what it shows when opened; the server refuses everyone else.
 */
export function AdminConsole({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation('admin');
  const [tab, setTab] = useState<AdminTab>('overview');
  const Panel = panels[tab];
  const returnFocus = useReturnFocus(open);
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={styles.overlay} />
        <RadixDialog.Content className={styles.content} aria-describedby={undefined} {...returnFocus}>
          <header className={styles.header}>
            <RadixDialog.Title className={styles.title}>{t('title')}</RadixDialog.Title>
            <RadixDialog.Close className={styles.close} aria-label={t('common:close')}>
              <X size={18} />
            </RadixDialog.Close>
          </header>
          <div className={styles.layout}>
            <AdminTabs current={tab} onChange={setTab} />
            <section
              role="tabpanel"
              id={panelId(tab)}
              aria-labelledby={tabId(tab)}
              className={styles.panel}
              tabIndex={-1}
            >
              {open && <Panel onOpen={setTab} />}
            </section>
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
