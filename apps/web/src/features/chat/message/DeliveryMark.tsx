import { AlertCircle, Check, CheckCheck, Clock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Delivery } from '../list/timeline-items.ts';
import styles from './MessageRow.module.css';

/** The small mark after the time of my message: sending (clock), sent (check), read, failed. */
export function DeliveryMark({ delivery, direct }: { delivery: Delivery; direct: boolean }) {
  const { t } = useTranslation('chat');
  const label = t(`delivery.${delivery}`);
  const Icon =
    delivery === 'sending'
      ? Clock
      : delivery === 'failed'
        ? AlertCircle
        : delivery === 'read'
          ? CheckCheck
          : Check;
  return (
    <span className={`${styles.delivery} ${styles[delivery]}`} title={label}>
      <Icon size={14} aria-hidden="true" />
      {delivery === 'read' && direct ? (
        <span className={styles.readText}>{label}</span>
      ) : (
        <span className="visually-hidden">{label}</span>
      )}
    </span>
  );
}
