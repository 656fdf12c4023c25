import type { Message } from '@parley/protocol';
import type { OutboxItem } from '@parley/sdk';
import { Paperclip, RotateCw, Trash2 } from 'lucide-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { clockTime } from '../../../util/format-time.ts';
import { errorText } from '../../../util/error-text.ts';
import { useChatActions } from '../list/chat-actions.ts';
import { pendingDelivery } from '../list/timeline-items.ts';
import { DeliveryMark } from './DeliveryMark.tsx';
import { ReplyQuote } from './ReplyQuote.tsx';
import { RichText } from './RichText.tsx';
import styles from './MessageRow.module.css';

interface PendingRowProps {
  item: OutboxItem;
  first: boolean;
  /** The held message it answers, for the quote; null when none (or not held). */
  replyTo: Message | null;
}

/**
 * A message I wrote that the server has not stored yet (or just acknowledged): shown at the
 * end with a clock, or in red with Retry and Discard once it failed.
 */
export const PendingRow = memo(
  function PendingRow({ item, replyTo }: PendingRowProps) {
    const { t } = useTranslation('chat');
    const actions = useChatActions();
    const delivery = pendingDelivery(item);
    const hasMedia = item.attachmentId !== undefined || item.stickerId !== undefined;
    return (
      <div
        data-testid="message"
        data-seq={item.ack?.seq}
        data-status={delivery}
        data-mine="true"
        className={`message-row ${styles.row} ${styles.mine} ${styles.first} ${styles.last}`}
      >
        <div className={styles.column}>
          <div className={styles.line}>
            <div
              className={delivery === 'failed' ? `${styles.bubble} ${styles.failedBubble}` : styles.bubble}
            >
              {replyTo && (
                <ReplyQuote
                  reply={{
                    id: replyTo.id,
                    seq: replyTo.seq,
                    senderId: replyTo.senderId,
                    text: replyTo.text,
                    recalled: replyTo.recalledAt !== null,
                  }}
                />
              )}
              {hasMedia && (
                <div className={styles.pendingMedia}>
                  <Paperclip size={15} aria-hidden="true" />
                  {item.stickerId ? t('preview.sticker') : t('pending.attachment')}
                </div>
              )}
              {item.text && (
                <div className={styles.text}>
                  <RichText text={item.text} myUsername={actions.myUsername} />
                </div>
              )}
              <span className={styles.meta}>
                <time dateTime={item.createdAt}>{clockTime(item.createdAt)}</time>
                <DeliveryMark delivery={delivery} direct={!actions.isGroup} />
              </span>
            </div>
          </div>
          {delivery === 'failed' && (
            <div className={styles.failedBar} role="alert">
              <span>{item.error ? errorText(item.error) : t('delivery.failed')}</span>
              <button
                type="button"
                className={styles.failedAction}
                onClick={() => actions.retry(item.clientMsgId)}
              >
                <RotateCw size={14} aria-hidden="true" /> {t('common:retry')}
              </button>
              <button
                type="button"
                className={styles.failedAction}
                onClick={() => actions.discard(item.clientMsgId)}
              >
                <Trash2 size={14} aria-hidden="true" /> {t('pending.discard')}
              </button>
            </div>
          )}
        </div>
      </div>
    );
  },
  (a, b) =>
    a.first === b.first &&
    a.replyTo === b.replyTo &&
    a.item.clientMsgId === b.item.clientMsgId &&
    a.item.status === b.item.status &&
    a.item.text === b.item.text &&
    a.item.error === b.item.error &&
    a.item.ack === b.item.ack,
);
