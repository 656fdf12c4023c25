import type { Conversation } from '@parley/protocol';
import { Megaphone, PinOff } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../model/app-context.ts';
import { useNames } from '../../../model/use-names.ts';
import { IconButton } from '../../../ui/Button.tsx';
import { toast } from '../../../ui/toast.tsx';
import { errorText } from '../../../util/error-text.ts';
import styles from './AnnouncementBar.module.css';

interface AnnouncementBarProps {
  conversation: Conversation;
  /** Shows the pinned message in the list (loading older pages until it is there). */
  onOpen(messageId: string): void;
}

/**
 * A group's announcement above its messages: who wrote the pinned message and its start (two
 * lines at most), opening the message when clicked; owners and admins can take it down here.
 * Nothing when the group has none. Live: it is the conversation's `announcement`.
 */
export function AnnouncementBar({ conversation, onOpen }: AnnouncementBarProps) {
  const { t } = useTranslation('chat');
  const { session } = useSession();
  const name = useNames();
  const [busy, setBusy] = useState(false);
  const announcement = conversation.announcement;
  if (!announcement) return null;
  const canUnpin = conversation.kind === 'group' && conversation.myRole !== 'member';
  const sender = name(announcement.senderId);
  const text = announcement.text.trim() || t('announcement.noText');

  const unpin = () => {
    setBusy(true);
    session.groups
      .setAnnouncement(conversation.id, null)
      .catch((err: unknown) => toast(errorText(err), 'error'))
      .finally(() => setBusy(false));
  };

  return (
    <div className={styles.bar} role="region" aria-label={t('announcement.label')}>
      <button
        type="button"
        className={styles.open}
        onClick={() => onOpen(announcement.messageId)}
        title={t('announcement.open')}
        data-testid="announcement"
      >
        <Megaphone size={17} className={styles.icon} aria-hidden="true" />
        <span className={styles.body}>
          <span className={styles.sender}>
            {sender ? t('announcement.from', { name: sender }) : t('announcement.label')}
          </span>
          <span className={styles.text}>{text}</span>
        </span>
      </button>
      {canUnpin && (
        <IconButton label={t('announcement.unpin')} onClick={unpin} disabled={busy} className={styles.unpin}>
          <PinOff size={17} aria-hidden="true" />
        </IconButton>
      )}
    </div>
  );
}
