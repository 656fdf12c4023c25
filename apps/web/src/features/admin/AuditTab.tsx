import type { AuditAction, AuditEntry } from '@parley/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import styles from './AdminConsole.module.css';
import { auditText } from './audit-text.ts';
import { when } from './format.ts';
import { ListState } from './ListState.tsx';
import { useAdmin } from './use-admin.ts';
import { usePaged } from './use-paged.ts';

/**
 * Every kind of change, for the filter. A record, so a kind the protocol adds is a type error
 * here; not the protocol's zod enum, which would bring zod into the web client.
 */
const kinds: Record<AuditAction, true> = {
  'user.disable': true,
  'user.enable': true,
  'user.reset_password': true,
  'user.set_role': true,
  'message.remove': true,
  'group.dissolve': true,
  'report.dismiss': true,
  'settings.update': true,
  'invite.create': true,
  'invite.revoke': true,
};
const auditActions = Object.keys(kinds) as AuditAction[];

/** Every admin change, newest first, a sentence each, narrowed to one kind of change if wanted. */
export function AuditTab() {
  const { t } = useTranslation('admin');
  const admin = useAdmin();
  const [action, setAction] = useState<AuditAction | ''>('');
  const paged = usePaged<AuditEntry>(action, (cursor) =>
    admin
      .audit({ ...(action && { action }), ...(cursor && { cursor }) })
      .then((page) => ({ items: page.entries, nextCursor: page.nextCursor })),
  );
  return (
    <div className={styles.part}>
      <div className={styles.toolbar}>
        <label className={styles.meta} htmlFor="audit-action">
          {t('audit.filter')}
        </label>
        <select
          id="audit-action"
          className={styles.select}
          value={action}
          onChange={(e) => setAction(e.target.value as AuditAction | '')}
        >
          <option value="">{t('audit.all')}</option>
          {auditActions.map((a) => (
            <option key={a} value={a}>
              {t(`audit.kind.${a}`)}
            </option>
          ))}
        </select>
      </div>
      {paged.items && paged.items.length > 0 && (
        <ol className={styles.log} aria-label={t('tab.audit')}>
          {paged.items.map((entry) => (
            <li key={entry.id} className={styles.logLine} data-testid="audit-entry">
              <span>{auditText(entry)}</span>
              <time className={styles.logWhen} dateTime={entry.at}>
                {when(entry.at)}
              </time>
            </li>
          ))}
        </ol>
      )}
      <ListState paged={paged} empty={t(action ? 'audit.noneOfKind' : 'audit.none')} />
    </div>
  );
}
