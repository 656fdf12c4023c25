import type { ServerCounts } from '@parley/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { errorText } from '../../util/error-text.ts';
import { formatSize } from '../../util/format-size.ts';
import styles from './AdminConsole.module.css';
import type { AdminTab } from './admin-tab.ts';
import { count } from './format.ts';
import { useAdmin } from './use-admin.ts';

/** The console's front page: the server's counts as cards; open reports lead to their tab. */
export function OverviewTab({ onOpen }: { onOpen(tab: AdminTab): void }) {
  const { t } = useTranslation('admin');
  const admin = useAdmin();
  const [counts, setCounts] = useState<ServerCounts | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    admin.counts().then(
      (c) => live && setCounts(c),
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [admin]);

  if (error)
    return (
      <p className={styles.state} role="alert">
        {error}
      </p>
    );
  if (!counts)
    return (
      <p className={styles.state} role="status">
        {t('loading')}
      </p>
    );
  const cards: { id: string; value: string; note?: string; alert?: boolean }[] = [
    {
      id: 'users',
      value: count(counts.users),
      note: t('overview.disabled', { count: counts.disabledUsers }),
    },
    { id: 'activeToday', value: count(counts.activeToday) },
    { id: 'onlineNow', value: count(counts.onlineNow) },
    {
      id: 'messages',
      value: count(counts.messages),
      note: t('overview.today', { count: counts.messagesToday }),
    },
    { id: 'groups', value: count(counts.groups) },
    { id: 'storage', value: formatSize(counts.storageBytes) },
    { id: 'openReports', value: count(counts.openReports), alert: counts.openReports > 0 },
  ];
  return (
    <div className={styles.part}>
      <h3 className={styles.heading}>{t('overview.heading')}</h3>
      <ul className={styles.cards} aria-label={t('overview.heading')}>
        {cards.map((c) => (
          <li
            key={c.id}
            className={`${styles.card} ${c.alert ? styles.cardAlert : ''}`}
            data-testid={`count-${c.id}`}
          >
            <span className={styles.cardLabel}>{t(`overview.${c.id}`)}</span>
            <span className={styles.cardValue}>{c.value}</span>
            {c.note && <span className={styles.cardNote}>{c.note}</span>}
          </li>
        ))}
      </ul>
      {counts.openReports > 0 && (
        <div className={styles.actions}>
          <Button onClick={() => onOpen('reports')}>{t('overview.seeReports')}</Button>
        </div>
      )}
    </div>
  );
}
