import type { Sticker } from '@parley/protocol';
import { useTranslation } from 'react-i18next';
import styles from './media.module.css';

const size = 150;

/** A sticker: the picture alone, no bubble, at most 150 px, its box reserved before it loads. */
export function StickerImage({ sticker }: { sticker: Sticker }) {
  const { t } = useTranslation('chat');
  const scale = Math.min(1, size / Math.max(sticker.width, sticker.height, 1));
  return (
    <img
      className={styles.sticker}
      src={sticker.url}
      alt={sticker.emoji ? t('media.stickerOf', { emoji: sticker.emoji }) : t('preview.sticker')}
      width={Math.round(sticker.width * scale)}
      height={Math.round(sticker.height * scale)}
      loading="lazy"
      draggable={false}
    />
  );
}
