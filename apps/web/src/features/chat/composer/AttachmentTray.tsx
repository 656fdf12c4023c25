import { FileText, Image, Mic, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useSyncExternalStore } from 'react';
import { useSession } from '../../../model/app-context.ts';
import { IconButton } from '../../../ui/Button.tsx';
import { uploadErrorText } from './attach.ts';
import { formatSize } from '../../../util/format-size.ts';
import styles from './Composer.module.css';

/** Files and voice messages of this conversation being uploaded (progress, cancel) or refused (why, dismiss). */
export function AttachmentTray({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation('composer');
  const { attachments } = useSession().session;
  const items = useSyncExternalStore(attachments.subscribe, () => attachments.of(conversationId));
  if (items.length === 0) return null;
  return (
    <ul className={styles.tray} aria-label={t('attach.tray')}>
      {items.map((item) => {
        const Icon = item.kind === 'image' ? Image : item.kind === 'voice' ? Mic : FileText;
        const percent = item.size > 0 ? Math.min(100, Math.round((item.sent / item.size) * 100)) : 0;
        const failed = item.status === 'failed';
        const name = item.kind === 'voice' ? t('voice.message') : item.name;
        return (
          <li key={item.id} className={`${styles.trayItem} ${failed ? styles.trayFailed : ''}`}>
            <Icon size={20} aria-hidden="true" className={styles.trayIcon} />
            <div className={styles.trayBody}>
              <div className={styles.trayLine}>
                <span className={styles.trayName} title={item.name}>
                  {name}
                </span>
                <span className={styles.traySize}>{formatSize(item.size)}</span>
              </div>
              {failed ? (
                <span className={styles.trayError} role="alert">
                  {uploadErrorText(item.error)}
                </span>
              ) : (
                <progress
                  className={styles.progress}
                  max={100}
                  value={percent}
                  aria-label={t('attach.progress', { name })}
                />
              )}
            </div>
            {failed ? (
              <IconButton label={t('attach.dismiss', { name })} onClick={() => attachments.dismiss(item.id)}>
                <X size={18} aria-hidden="true" />
              </IconButton>
            ) : (
              <IconButton label={t('attach.cancel', { name })} onClick={() => attachments.cancel(item.id)}>
                <X size={18} aria-hidden="true" />
              </IconButton>
            )}
          </li>
        );
      })}
    </ul>
  );
}
