import type { Message } from '@parley/protocol';
import { X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useNames } from '../../../model/use-names.ts';
import { IconButton } from '../../../ui/Button.tsx';
import { messagePreview } from '../../../util/message-preview.ts';
import styles from './Composer.module.css';

/** Above the input while replying: whom and what the answer is to, with × to stop replying. */
export function ReplyBar({ message, onCancel }: { message: Message; onCancel(): void }) {
  const { t } = useTranslation('composer');
  const names = useNames();
  const sender = names(message.senderId);
  return (
    <div className={styles.reply} role="group" aria-label={t('reply.label', { name: sender })}>
      <div className={styles.replyText}>
        <span className={styles.replyName}>{t('reply.to', { name: sender })}</span>
        <span className={styles.replyPreview}>{messagePreview(message, names, false)}</span>
      </div>
      <IconButton label={t('reply.cancel')} onClick={onCancel}>
        <X size={18} aria-hidden="true" />
      </IconButton>
    </div>
  );
}
