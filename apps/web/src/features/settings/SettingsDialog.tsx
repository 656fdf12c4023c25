import * as RadixDialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import { type ComponentType, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReturnFocus } from '../../ui/return-focus.ts';
import { AccountSection } from './AccountSection.tsx';
import { AppearanceSection } from './AppearanceSection.tsx';
import { NotificationsSection } from './NotificationsSection.tsx';
import { PrivacySection } from './PrivacySection.tsx';
import { ProfileSection } from './ProfileSection.tsx';
import styles from './SettingsDialog.module.css';
import { type SettingsTab, SettingsTabs, panelId, tabId } from './SettingsTabs.tsx';

const sections: Record<SettingsTab, ComponentType> = {
  profile: ProfileSection,
  account: AccountSection,
  privacy: PrivacySection,
  notifications: NotificationsSection,
  appearance: AppearanceSection,
};

/**
 * My profile and this app's settings, opened from my card at the top of the sidebar: tabs
 * down the side on a wide screen, across the top (wrapping) on a phone, where the dialog
 * fills the screen. Built on Radix Dialog directly (not ui/Dialog) for the full-screen
 * phone layout; focus trapping, Escape and the title label are Radix's, focus back on the
 * opener is ui/return-focus.
 */
export function SettingsDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation('settings');
  const [tab, setTab] = useState<SettingsTab>('profile');
  const Section = sections[tab];
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
            <SettingsTabs current={tab} onChange={setTab} />
            <section
              role="tabpanel"
              id={panelId(tab)}
              aria-labelledby={tabId(tab)}
              className={styles.panel}
              tabIndex={-1}
            >
              {open && <Section />}
            </section>
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
