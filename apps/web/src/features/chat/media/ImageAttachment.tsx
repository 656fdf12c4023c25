import type { Attachment } from '@parley/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChatActions } from '../list/chat-actions.ts';
import styles from './media.module.css';

const maxWidth = 260;
const maxHeight = 300;

/** The box an image takes in the list, reserved before it loads so rows never change height. */
export function imageBox(width: number | null, height: number | null): { width: number; height: number } {
  if (!width || !height) return { width: 220, height: 160 };
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(60, Math.round(width * scale)), height: Math.max(40, Math.round(height * scale)) };
}

/** A picture in a message: its thumbnail at the right size; a click opens the chat's pictures full screen at it. */
export function ImageAttachment({ attachment, messageId }: { attachment: Attachment; messageId: string }) {
  const { t } = useTranslation('chat');
  const actions = useChatActions();
  const [failed, setFailed] = useState(false);
  const box = imageBox(attachment.width, attachment.height);
  // Animated pictures keep moving only in the original; the thumbnail is a still.
  const src = attachment.animated || !attachment.thumbnailUrl ? attachment.url : attachment.thumbnailUrl;
  return (
    <button
      type="button"
      className={styles.image}
      style={{ width: box.width, aspectRatio: `${box.width} / ${box.height}` }}
      onClick={() => actions.openImage(messageId)}
      aria-label={t('media.openImage', { name: attachment.name })}
      data-image-message={messageId}
    >
      {failed ? (
        <span className={styles.broken}>{t('media.imageFailed')}</span>
      ) : (
        <img src={src} alt="" loading="lazy" draggable={false} onError={() => setFailed(true)} />
      )}
    </button>
  );
}
