import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import styles from './AdminConsole.module.css';
import type { Paged } from './use-paged.ts';

/**
 * Under a paged list: "Loading…", the empty list's sentence, why a load failed (with a retry
 * by loading more), or "Load more" while the server has another page.
 */
export function ListState<T>({ paged, empty }: { paged: Paged<T>; empty: string }) {
  const { t } = useTranslation('admin');
  const { items, loading, error, more } = paged;
  if (error)
    return (
      <p className={styles.state} role="alert">
        {error}
      </p>
    );
  if (items === null || (loading && items.length === 0))
    return (
      <p className={styles.state} role="status">
        {t('loading')}
      </p>
    );
  if (items.length === 0) return <p className={styles.state}>{empty}</p>;
  if (!more) return null;
  return (
    <div className={styles.more}>
      <Button busy={loading} onClick={paged.loadMore}>
        {t('loadMore')}
      </Button>
    </div>
  );
}
