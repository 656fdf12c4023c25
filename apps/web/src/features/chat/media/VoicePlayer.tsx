import type { Attachment } from '@parley/protocol';
import { Pause, Play } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../../util/format-size.ts';
import styles from './media.module.css';

/** Plays one voice message at a time across the chat: starting one pauses the other. */
let playing: HTMLAudioElement | null = null;

/** A voice message: play/pause, a progress bar to seek on, and the time left or the length. */
export function VoicePlayer({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation('chat');
  const audio = useRef<HTMLAudioElement>(null);
  const [isPlaying, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [failed, setFailed] = useState(false);
  const duration = attachment.durationMs ?? 0;

  useEffect(() => {
    const element = audio.current;
    return () => {
      element?.pause();
      if (playing === element) playing = null;
    };
  }, []);

  const toggle = () => {
    const element = audio.current;
    if (!element) return;
    if (!element.paused) {
      element.pause();
      return;
    }
    if (playing && playing !== element) playing.pause();
    playing = element;
    element.play().catch(() => setFailed(true));
  };

  const seek = (e: React.MouseEvent<HTMLDivElement>) => {
    const element = audio.current;
    if (!element || !duration) return;
    const rect = e.currentTarget.getBoundingClientRect();
    element.currentTime = (Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width)) * duration) / 1000;
    setPosition(element.currentTime * 1000);
  };

  const progress = duration ? Math.min(1, position / duration) : 0;
  return (
    <div className={styles.voice}>
      <button
        type="button"
        className={`voice-play ${styles.play}`}
        onClick={toggle}
        aria-label={isPlaying ? t('media.pause') : t('media.play')}
        aria-pressed={isPlaying}
      >
        {isPlaying ? <Pause size={18} aria-hidden="true" /> : <Play size={18} aria-hidden="true" />}
      </button>
      <div
        className={styles.track}
        onClick={seek}
        role="progressbar"
        aria-label={t('media.voiceProgress')}
        aria-valuemin={0}
        aria-valuemax={Math.round(duration / 1000)}
        aria-valuenow={Math.round(position / 1000)}
      >
        <div className={styles.fill} style={{ width: `${progress * 100}%` }} />
      </div>
      <span className={styles.time}>
        {failed ? t('media.voiceFailed') : formatDuration(isPlaying || position > 0 ? position : duration)}
      </span>
      <audio
        ref={audio}
        src={attachment.url}
        preload="none"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => {
          setPlaying(false);
          setPosition(0);
        }}
        onTimeUpdate={(e) => setPosition(e.currentTarget.currentTime * 1000)}
        onError={() => setFailed(true)}
      />
    </div>
  );
}
