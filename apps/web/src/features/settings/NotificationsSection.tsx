import { Volume2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useValue } from '../../model/use-value.ts';
import { Button } from '../../ui/Button.tsx';
import { playChime } from '../notify/chime.ts';
import { askPermission, notificationPermission } from '../notify/permission.ts';
import { notifyPrefs, setNotifyPrefs } from '../notify/prefs.ts';
import { PushSettings } from './PushSettings.tsx';
import styles from './Section.module.css';
import { Switch } from './Switch.tsx';

/**
 * Sound, desktop notifications, and notifications while Parley is closed (PushSettings) for
 * this device. Turning desktop notifications on is what asks the browser for permission (a
 * prompt the user expects, right after their click); if the browser says no, the switch stays
 * off and says how to allow them.
 */
export function NotificationsSection() {
  const { t } = useTranslation('settings');
  const prefs = useValue(notifyPrefs);
  const permission = useValue(notificationPermission);
  const desktopOn = prefs.desktop && permission === 'granted';

  async function setDesktop(on: boolean) {
    if (!on) return setNotifyPrefs({ desktop: false });
    const answer = await askPermission();
    setNotifyPrefs({ desktop: answer === 'granted' });
  }

  return (
    <div className={styles.section}>
      <div className={styles.group}>
        <Switch
          label={t('notifications.sound')}
          hint={t('notifications.soundHint')}
          checked={prefs.sound}
          onChange={(sound) => setNotifyPrefs({ sound })}
        />
        <div className={styles.actions}>
          <Button variant="ghost" disabled={!prefs.sound} onClick={() => playChime()}>
            <Volume2 size={17} aria-hidden="true" />
            {t('notifications.test')}
          </Button>
        </div>
      </div>
      <div className={styles.group}>
        <Switch
          label={t('notifications.desktop')}
          hint={t('notifications.desktopHint')}
          checked={desktopOn}
          disabled={permission === 'unsupported'}
          onChange={(on) => void setDesktop(on)}
        />
        {permission === 'denied' && (
          <p className={styles.warning} role="status">
            {t('notifications.denied')}
          </p>
        )}
        {permission === 'unsupported' && <p className={styles.note}>{t('notifications.unsupported')}</p>}
      </div>
      <PushSettings />
      <p className={styles.note}>{t('notifications.perDevice')}</p>
    </div>
  );
}
