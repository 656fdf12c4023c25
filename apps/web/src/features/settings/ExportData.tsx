import { Download } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { Button } from '../../ui/Button.tsx';
import { toast } from '../../ui/toast.tsx';
import { errorText } from '../../util/error-text.ts';
import { formatSize } from '../../util/format-size.ts';
import styles from './Section.module.css';

/** How often, at most, the bytes received are shown again while the zip streams in. */
const progressEveryMs = 200;

/**
 * "Export my data": downloads the zip of my profile, friends, conversations and uploads
 * (GET /me/export through the SDK, since it needs the bearer token), showing the bytes
 * received, then hands it to the browser as a download under the server's file name.
 */
export function ExportData() {
  const { t } = useTranslation('settings');
  const { session } = useSession();
  const [received, setReceived] = useState<number | null>(null);
  const running = useRef<AbortController | null>(null);

  // Closing settings (or signing out) stops a download nobody will save.
  useEffect(() => () => running.current?.abort(), []);

  async function exportData() {
    const controller = new AbortController();
    running.current = controller;
    setReceived(0);
    let shownAt = 0;
    try {
      const { blob, fileName } = await session.client.http.exportData({
        signal: controller.signal,
        onProgress: (bytes) => {
          const now = Date.now();
          if (now - shownAt < progressEveryMs) return;
          shownAt = now;
          setReceived(bytes);
        },
      });
      save(blob, fileName);
      toast(t('export.done', { size: formatSize(blob.size) }), 'info');
    } catch (err) {
      if (!controller.signal.aborted) toast(errorText(err), 'error');
    } finally {
      if (running.current === controller) running.current = null;
      if (!controller.signal.aborted) setReceived(null);
    }
  }

  return (
    <div className={styles.group} data-testid="export-data">
      <h3 className={styles.heading}>{t('export.heading')}</h3>
      <p className={styles.note}>{t('export.hint')}</p>
      <div className={styles.actions}>
        <Button busy={received !== null} onClick={() => void exportData()}>
          <Download size={17} aria-hidden="true" />
          {t('export.button')}
        </Button>
      </div>
      <p className={styles.note} role="status" aria-live="polite">
        {received !== null ? t('export.progress', { size: formatSize(received) }) : ''}
      </p>
    </div>
  );
}

/** Offers `blob` as a download named `fileName`. */
function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // After the browser has started the download; revoking at once can cancel it in some.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
