import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button.tsx';
import type { RecorderState } from './use-recorder.ts';
import styles from './Composer.module.css';

interface RecordingBarProps {
  state: RecorderState;
  mode: 'click' | 'hold';
  /** Holding, with the finger slid away: releasing now cancels. */
  outside: boolean;
  onCancel(): void;
  onSend(): void;
}

/** Stands in for the text box while a voice message is recorded: a running timer, and Cancel/Send. */
export function RecordingBar({ state, mode, outside, onCancel, onSend }: RecordingBarProps) {
  const { t } = useTranslation('composer');
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (state.phase !== 'recording') return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [state.phase]);
  const elapsed = state.phase === 'recording' ? Math.max(0, now - state.startedAt) : 0;
  const seconds = Math.floor(elapsed / 1000);
  const clock = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;

  return (
    <div
      className={`${styles.recording} ${outside ? styles.recordingCancel : ''}`}
      role="group"
      aria-label={t('voice.recording')}
    >
      <span className={styles.recDot} aria-hidden="true" />
      {state.phase === 'starting' ? (
        <span className={styles.recHint}>{t('voice.askingMic')}</span>
      ) : (
        <>
          <span className={styles.recClock} role="timer" aria-label={t('voice.elapsed', { time: clock })}>
            {clock}
          </span>
          <span className={styles.recHint} aria-live="polite">
            {mode === 'hold'
              ? outside
                ? t('voice.releaseToCancel')
                : t('voice.holdHint')
              : t('voice.clickHint')}
          </span>
        </>
      )}
      {mode === 'click' && (
        <span className={styles.recActions}>
          <Button variant="ghost" onClick={onCancel}>
            {t('voice.cancel')}
          </Button>
          <Button variant="primary" onClick={onSend} disabled={state.phase !== 'recording'}>
            {t('voice.send')}
          </Button>
        </span>
      )}
    </div>
  );
}
