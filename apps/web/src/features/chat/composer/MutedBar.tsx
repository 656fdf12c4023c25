import { MicOff } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayLabel, clockTime } from '../../../util/format-time.ts';
import styles from './Composer.module.css';

/** Longest wait setTimeout takes (about 24.8 days); a longer mute re-checks then. */
const maxTimer = 2 ** 31 - 1;

/**
 * The time an admin's mute on me ends, while it lasts; null when I may write. Re-renders when
 * the mute runs out, so the composer comes back by itself.
 */
export function useMutedUntil(mutedUntil: string | null | undefined): string | null {
  const [now, setNow] = useState(() => Date.now());
  const end = mutedUntil ? Date.parse(mutedUntil) : 0;
  useEffect(() => {
    if (end <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(end - now + 50, maxTimer));
    return () => clearTimeout(timer);
  }, [end, now]);
  return end > now ? mutedUntil! : null;
}

/** In place of the composer while a group admin has muted me: says so, and until when. */
export function MutedBar({ until }: { until: string }) {
  const { t } = useTranslation('composer');
  const forever = Date.parse(until) - Date.now() > 365 * 86_400_000;
  return (
    <div className={styles.muted} role="status" data-testid="muted-bar">
      <MicOff size={18} aria-hidden="true" />
      {forever ? t('muted.forever') : t('muted.until', { day: dayLabel(until), time: clockTime(until) })}
    </div>
  );
}
