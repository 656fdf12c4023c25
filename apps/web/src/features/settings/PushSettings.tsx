import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { toast } from '../../ui/toast.tsx';
import { errorText } from '../../util/error-text.ts';
import { notificationPermission } from '../notify/permission.ts';
import { pushIsOn, pushUnavailable, turnPushOff, turnPushOn } from '../notify/web-push.ts';
import { useValue } from '../../model/use-value.ts';
import styles from './Section.module.css';
import { Switch } from './Switch.tsx';

/**
 * "Notify me when Parley is closed" for this device (Web Push, features/notify/web-push.ts),
 * and, while it is on, whether those notifications show the message text: a setting of the
 * account (Settings.pushPreview), the same on every device.
 */
export function PushSettings() {
  const { t } = useTranslation('settings');
  const { client, session } = useSession();
  const settings = useSessionState((s) => s.settings);
  const permission = useValue(notificationPermission);
  const unavailable = pushUnavailable();
  // null while the browser and the server are being asked.
  const [on, setOn] = useState<boolean | null>(unavailable ? false : null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<'failed' | 'unavailable' | null>(null);

  useEffect(() => {
    if (unavailable) return;
    let live = true;
    pushIsOn(client.http).then(
      (answer) => live && setOn(answer),
      () => live && setOn(false),
    );
    return () => {
      live = false;
    };
  }, [client, unavailable]);

  async function setPush(want: boolean) {
    setBusy(true);
    setProblem(null);
    try {
      if (!want) {
        await turnPushOff(client.http);
        setOn(false);
        return;
      }
      const result = await turnPushOn(client.http);
      setOn(result === 'on');
      if (result === 'failed' || result === 'unavailable') setProblem(result);
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
    }
  }

  async function setPreview(pushPreview: boolean) {
    setBusy(true);
    try {
      await session.account.updateSettings({ pushPreview });
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={styles.group}>
      <Switch
        label={t('notifications.push')}
        hint={t('notifications.pushHint')}
        checked={on === true}
        disabled={unavailable !== null || on === null || busy}
        onChange={(want) => void setPush(want)}
      />
      {on && (
        <Switch
          label={t('notifications.pushPreview')}
          hint={t('notifications.pushPreviewHint')}
          checked={settings?.pushPreview ?? true}
          disabled={!settings || busy}
          onChange={(want) => void setPreview(want)}
        />
      )}
      {unavailable === 'insecure' && <p className={styles.note}>{t('notifications.pushInsecure')}</p>}
      {(unavailable === 'unsupported' || problem === 'unavailable') && (
        <p className={styles.note}>{t('notifications.pushUnsupported')}</p>
      )}
      {problem === 'failed' && (
        <p className={styles.warning} role="status">
          {t('notifications.pushFailed')}
        </p>
      )}
      {!on && permission === 'denied' && unavailable === null && (
        <p className={styles.warning} role="status">
          {t('notifications.denied')}
        </p>
      )}
    </div>
  );
}
