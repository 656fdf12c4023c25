import type { Report } from '@parley/protocol';
import { Check, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18next } from '../../i18n/index.ts';
import { Button } from '../../ui/Button.tsx';
import { toast } from '../../ui/toast.tsx';
import { errorText } from '../../util/error-text.ts';
import styles from './AdminConsole.module.css';
import { when } from './format.ts';
import { useAdmin } from './use-admin.ts';

/** "[Picture] caption", "[File] notes.pdf", or the text, as the chat list would preview it. */
function excerptOf(message: Report['message']): string {
  const kind = `chat:preview.${message.kind}`;
  return [i18next.exists(kind) ? i18next.t(kind) : '', message.excerpt].filter(Boolean).join(' ');
}

/**
 * One report: why (the reason and the reporter's note), by whom and when; the message as it is
 * now (its excerpt, sender and conversation); and, while open, Remove message or Dismiss.
 */
export function ReportCard({ report, onResolved }: { report: Report; onResolved(report: Report): void }) {
  const { t } = useTranslation('admin');
  const admin = useAdmin();
  const [busy, setBusy] = useState<'remove' | 'dismiss' | null>(null);
  const { message, reporter } = report;

  async function resolve(action: 'remove' | 'dismiss') {
    setBusy(action);
    try {
      const done = await admin.resolveReport(report.id, action);
      onResolved(done);
      toast(t(action === 'remove' ? 'reports.removed' : 'reports.dismissed'));
    } catch (err) {
      toast(errorText(err), 'error');
      setBusy(null);
    }
  }

  const where =
    message.conversationKind === 'group'
      ? t('reports.inGroup', { name: message.conversationName })
      : t(`reports.in.${message.conversationKind}`);
  const sender = message.sender
    ? message.sender.deleted
      ? t('common:deletedUser')
      : `${message.sender.displayName} (@${message.sender.username})`
    : t('reports.unknownSender');
  return (
    <li className={styles.report} data-testid="admin-report">
      <div className={styles.reportHead}>
        <span className={`${styles.chip} ${styles.chipDanger}`}>{t(`reports.reason.${report.reason}`)}</span>
        <span className={styles.meta}>
          {t('reports.by', {
            name: reporter.displayName,
            username: reporter.username,
            when: when(report.createdAt),
          })}
        </span>
        {report.reportsOnMessage > 1 && (
          <span className={styles.chip}>{t('reports.count', { count: report.reportsOnMessage })}</span>
        )}
      </div>
      {report.note && <p className={styles.reporterNote}>“{report.note}”</p>}
      <blockquote className={styles.quote}>
        <span className={styles.meta}>
          {t('reports.sent', { sender, where, when: when(message.sentAt) })}
        </span>
        {message.recalled ? (
          <p className={styles.recalled}>{t('reports.recalled')}</p>
        ) : (
          <p className={styles.excerpt}>{excerptOf(message)}</p>
        )}
      </blockquote>
      {report.status === 'open' ? (
        <div className={styles.actions}>
          <Button
            variant="danger"
            busy={busy === 'remove'}
            disabled={busy !== null}
            onClick={() => void resolve('remove')}
          >
            <Trash2 size={16} aria-hidden="true" />
            {t('reports.remove')}
          </Button>
          <Button busy={busy === 'dismiss'} disabled={busy !== null} onClick={() => void resolve('dismiss')}>
            <Check size={16} aria-hidden="true" />
            {t('reports.dismiss')}
          </Button>
        </div>
      ) : (
        <p className={styles.note}>
          {t(`reports.outcome.${report.status}`, {
            name: report.handledBy?.displayName ?? '?',
            when: report.handledAt ? when(report.handledAt) : '',
          })}
        </p>
      )}
    </li>
  );
}
