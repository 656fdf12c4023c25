import { WifiOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useSessionState } from '../../model/use-session-state.ts';
import styles from './ConnectionBanner.module.css';

/** Says when the live connection is not open: writing still works, sending waits. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const state = useSessionState((s) => s.connection);
  if (state === 'open') return null;
  return (
    <div className={styles.banner} role="status" data-state={state}>
      <WifiOff size={16} aria-hidden="true" />
      <span>{t(`connection.${state}`)}</span>
    </div>
  );
}
