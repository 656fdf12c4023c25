import { Bell, KeyRound, Palette, Shield, UserRound } from 'lucide-react';
import { type ComponentType, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TabbedDialog } from '../../ui/TabbedDialog.tsx';
import { AccountSection } from './AccountSection.tsx';
import { AppearanceSection } from './AppearanceSection.tsx';
import { NotificationsSection } from './NotificationsSection.tsx';
import { PrivacySection } from './PrivacySection.tsx';
import { ProfileSection } from './ProfileSection.tsx';

type SettingsTab = 'profile' | 'account' | 'privacy' | 'notifications' | 'appearance';

const sections: [SettingsTab, typeof UserRound, ComponentType][] = [
  ['profile', UserRound, ProfileSection],
  ['account', KeyRound, AccountSection],
  ['privacy', Shield, PrivacySection],
  ['notifications', Bell, NotificationsSection],
  ['appearance', Palette, AppearanceSection],
];

/** My profile and this app's settings, opened from my card at the top of the sidebar. */
export function SettingsDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation('settings');
  const [tab, setTab] = useState<SettingsTab>('profile');
  const Section = sections.find(([id]) => id === tab)![2];
  return (
    <TabbedDialog<SettingsTab>
      open={open}
      onOpenChange={onOpenChange}
      title={t('title')}
      tabsLabel={t('sections')}
      tabs={sections.map(([id, icon]) => ({ id, icon, label: t(`tab.${id}`) }))}
      current={tab}
      onChange={setTab}
      idPrefix="settings"
    >
      <Section />
    </TabbedDialog>
  );
}
