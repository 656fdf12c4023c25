import { Flag, LayoutDashboard, ScrollText, SlidersHorizontal, UserRound, UsersRound } from 'lucide-react';
import { type ComponentType, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TabbedDialog } from '../../ui/TabbedDialog.tsx';
import type { AdminTab } from './admin-tab.ts';
import { AuditTab } from './AuditTab.tsx';
import { GroupsTab } from './GroupsTab.tsx';
import { OverviewTab } from './OverviewTab.tsx';
import { ReportsTab } from './ReportsTab.tsx';
import { ServerSettingsTab } from './ServerSettingsTab.tsx';
import { UsersTab } from './UsersTab.tsx';

const panels: [AdminTab, typeof Flag, ComponentType<{ onOpen(tab: AdminTab): void }>][] = [
  ['overview', LayoutDashboard, OverviewTab],
  ['users', UserRound, UsersTab],
  ['groups', UsersRound, GroupsTab],
  ['reports', Flag, ReportsTab],
  ['settings', SlidersHorizontal, ServerSettingsTab],
  ['audit', ScrollText, AuditTab],
];

/**
 * The admin console (issue 16), opened from the profile menu by a server admin: counts, users,
 * groups, reports, run-time settings and invite codes, and the audit log. The same frame as
 * Settings (ui/TabbedDialog), wider for the lists. Each tab loads what it shows when opened;
 * the server refuses everyone else.
 */
export function AdminConsole({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation('admin');
  const [tab, setTab] = useState<AdminTab>('overview');
  const Panel = panels.find(([id]) => id === tab)![2];
  return (
    <TabbedDialog<AdminTab>
      open={open}
      onOpenChange={onOpenChange}
      title={t('title')}
      tabsLabel={t('sections')}
      tabs={panels.map(([id, icon]) => ({ id, icon, label: t(`tab.${id}`) }))}
      current={tab}
      onChange={setTab}
      idPrefix="admin"
      wide
    >
      <Panel onOpen={setTab} />
    </TabbedDialog>
  );
}
