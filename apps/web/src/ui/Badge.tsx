import styles from './Badge.module.css';

/** A red count (99+ past 99), or a grey one for muted conversations; nothing at 0. */
export function Badge({ count, muted, label }: { count: number; muted?: boolean; label?: string }) {
  if (count <= 0) return null;
  return (
    <span
      className={`${styles.badge} ${muted ? styles.muted : ''}`}
      aria-label={label}
      role={label ? 'status' : undefined}
    >
      {count > 99 ? '99+' : count}
    </span>
  );
}
