import type { Report } from '@parley/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import styles from './AdminConsole.module.css';
import { ListState } from './ListState.tsx';
import { ReportCard } from './ReportCard.tsx';
import { Segmented } from './Segmented.tsx';
import { useAdmin } from './use-admin.ts';
import { usePaged } from './use-paged.ts';

type Status = 'open' | 'handled';

/**
 * The messages users reported: the open ones to act on (remove the message, or dismiss), and
 * the handled ones with who did what. Removing a message closes every open report on it, so
 * those leave the open list together.
 */
export function ReportsTab() {
  const { t } = useTranslation('admin');
  const admin = useAdmin();
  const [status, setStatus] = useState<Status>('open');
  const paged = usePaged<Report>(status, (cursor) =>
    admin
      .reports({ status, ...(cursor && { cursor }) })
      .then((page) => ({ items: page.reports, nextCursor: page.nextCursor })),
  );
  const resolved = (report: Report) =>
    paged.update((reports) =>
      reports.filter((r) =>
        report.status === 'removed' ? r.message.id !== report.message.id : r.id !== report.id,
      ),
    );
  return (
    <div className={styles.part}>
      <div className={styles.toolbar}>
        <Segmented<Status>
          label={t('reports.show')}
          options={(['open', 'handled'] as const).map((s) => ({ value: s, label: t(`reports.status.${s}`) }))}
          value={status}
          onChange={setStatus}
        />
      </div>
      {paged.items && paged.items.length > 0 && (
        <ul className={styles.list} aria-label={t('tab.reports')}>
          {paged.items.map((report) => (
            <ReportCard key={report.id} report={report} onResolved={resolved} />
          ))}
        </ul>
      )}
      <ListState paged={paged} empty={t(status === 'open' ? 'reports.noneOpen' : 'reports.noneHandled')} />
    </div>
  );
}
