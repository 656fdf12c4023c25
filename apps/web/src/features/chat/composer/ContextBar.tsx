import type { Message } from '@parley/protocol';
import { Pencil, Reply, X } from 'lucide-react';
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
    <Bar
      icon={<Reply size={16} aria-hidden="true" />}
      label={t('reply.label', { name: sender })}
      title={t('reply.to', { name: sender })}
      preview={messagePreview(message, names, false)}
      cancel={t('reply.cancel')}
      onCancel={onCancel}
    />
  );
}

/** Above the input while rewriting one of my messages: what it said, with × to leave it as it was. */
export function EditBar({ message, onCancel }: { message: Message; onCancel(): void }) {
  const { t } = useTranslation('composer');
  const names = useNames();
  return (
    <Bar
      icon={<Pencil size={16} aria-hidden="true" />}
      label={t('edit.title')}
      title={t('edit.title')}
      preview={messagePreview(message, names, false)}
      cancel={t('edit.cancel')}
      onCancel={onCancel}
    />
  );
}

function Bar(props: {
  icon: React.ReactNode;
  label: string;
  title: string;
  preview: string;
  cancel: string;
  onCancel(): void;
}) {
  return (
    <div className={styles.reply} role="group" aria-label={props.label}>
      <span className={styles.replyIcon}>{props.icon}</span>
      <div className={styles.replyText}>
        <span className={styles.replyName}>{props.title}</span>
        <span className={styles.replyPreview}>{props.preview}</span>
      </div>
      <IconButton label={props.cancel} onClick={props.onCancel}>
        <X size={18} aria-hidden="true" />
      </IconButton>
    </div>
  );
}
