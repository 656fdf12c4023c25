import type { SessionInfo } from '@parley/protocol';
import { Monitor, Smartphone } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { Button } from '../../ui/Button.tsx';
import { toast } from '../../ui/toast.tsx';
import { errorText } from '../../util/error-text.ts';
import { listTime } from '../../util/format-time.ts';
import styles from './Section.module.css';

/** This device first, then the others by when they were last used. */
function sortSessions(list: SessionInfo[]): SessionInfo[] {
  return [...list].sort((a, b) =>
    a.current !== b.current ? (a.current ? -1 : 1) : b.lastSeenAt.localeCompare(a.lastSeenAt),
  );
}

/**
 * Where I am signed in; any other device can be signed out from here (its open app returns
 * to the sign-in screen at once). `version` changes when the list should be fetched again.
 */
export function DevicesList({ version }: { version: number }) {
  const { t } = useTranslation('settings');
  const { session } = useSession();
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);

  const load = useCallback(() => {
    session.account.sessions().then(
      (result) => {
        setSessions(sortSessions(result.sessions));
        setError(null);
      },
      (err: unknown) => setError(`${t('devices.failed')} ${errorText(err)}`),
    );
  }, [session, t]);

  useEffect(() => load(), [load, version]);

  async function revoke(s: SessionInfo) {
    setRevoking(s.id);
    try {
      await session.account.revokeSession(s.id);
      setSessions((list) => list?.filter((x) => x.id !== s.id) ?? null);
      toast(t('devices.signedOut', { device: s.deviceName || t('devices.unknownDevice') }));
    } catch (err) {
      toast(errorText(err), 'error');
      load();
    } finally {
      setRevoking(null);
    }
  }

  return (
    <div className={styles.group}>
      <h3 className={styles.heading}>{t('devices.heading')}</h3>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      {!sessions && !error && <p className={styles.note}>{t('common:loading')}</p>}
      {sessions && (
        <ul className={styles.devices} aria-label={t('devices.heading')}>
          {sessions.map((s) => {
            const name = s.deviceName || t('devices.unknownDevice');
            const phone = /Android|iOS|iPhone/i.test(`${s.deviceName} ${s.userAgent ?? ''}`);
            const Icon = phone ? Smartphone : Monitor;
            return (
              <li key={s.id} className={styles.device} data-testid="device" data-current={s.current}>
                <Icon size={22} className={styles.deviceIcon} aria-hidden="true" />
                <span className={styles.deviceText}>
                  <span className={styles.deviceName}>
                    {name}
                    {s.current && <span className={styles.thisDevice}>{t('devices.thisDevice')}</span>}
                  </span>
                  <span className={styles.deviceMeta}>
                    {[t('devices.lastActive', { time: listTime(s.lastSeenAt) }), s.ip]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </span>
                {!s.current && (
                  <Button
                    variant="ghost"
                    busy={revoking === s.id}
                    aria-label={t('devices.signOutDevice', { device: name })}
                    onClick={() => void revoke(s)}
                  >
                    {t('devices.signOut')}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
