import type { Attachment } from '@parley/protocol';
import * as RadixDialog from '@radix-ui/react-dialog';
import { Download, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import styles from './ImageViewer.module.css';

interface ImageViewerProps {
  attachment: Attachment;
  open: boolean;
  onOpenChange(open: boolean): void;
}

/** A picture full screen on a dark backdrop, with a download link; Escape or a click outside closes it. */
export function ImageViewer({ attachment, open, onOpenChange }: ImageViewerProps) {
  const { t } = useTranslation('chat');
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={styles.overlay} />
        <RadixDialog.Content className={styles.content} aria-describedby={undefined}>
          <header className={styles.bar}>
            <RadixDialog.Title className={styles.title}>{attachment.name}</RadixDialog.Title>
            <a
              className={styles.action}
              href={attachment.url}
              download={attachment.name}
              aria-label={t('media.download')}
              title={t('media.download')}
            >
              <Download size={20} aria-hidden="true" />
            </a>
            <RadixDialog.Close
              className={styles.action}
              aria-label={t('common:close')}
              title={t('common:close')}
            >
              <X size={22} aria-hidden="true" />
            </RadixDialog.Close>
          </header>
          <div className={styles.stage} onClick={() => onOpenChange(false)}>
            <img
              src={attachment.url}
              alt={attachment.name}
              className={styles.full}
              onClick={(e) => e.stopPropagation()}
            />
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
