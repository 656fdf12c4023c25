import { LogOut } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../model/app-context.ts';
import { Button } from '../../ui/Button.tsx';
import { DeleteAccount } from './DeleteAccount.tsx';
import { DevicesList } from './DevicesList.tsx';
import { ExportData } from './ExportData.tsx';
import { PasswordForm } from './PasswordForm.tsx';
import styles from './Section.module.css';

/** My devices, the password, my data, signing out here, and deleting the account (last: it is for good). */
export function AccountSection() {
  const { t } = useTranslation('settings');
  const app = useApp();
  const [devicesVersion, setDevicesVersion] = useState(0);
  const [leaving, setLeaving] = useState(false);
  return (
    <div className={styles.section}>
      <DevicesList version={devicesVersion} />
      <PasswordForm onChanged={() => setDevicesVersion((v) => v + 1)} />
      <ExportData />
      <div className={styles.group}>
        <p className={styles.note}>{t('signOutHint')}</p>
        <div className={styles.actions}>
          <Button
            variant="danger"
            busy={leaving}
            onClick={() => {
              setLeaving(true);
              void app.signOut();
            }}
          >
            <LogOut size={17} aria-hidden="true" />
            {t('signOut')}
          </Button>
        </div>
      </div>
      <DeleteAccount />
    </div>
  );
}
