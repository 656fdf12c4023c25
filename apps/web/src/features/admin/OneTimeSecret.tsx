import { Copy } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { IconButton } from '../../ui/Button.tsx';
import { toast } from '../../ui/toast.tsx';
import styles from './AdminConsole.module.css';

/**
 * A secret the server shows once (a temporary password, an invite code): large, selectable,
 * with a copy button. `label` names it for screen readers and the copy button.
 */
export function OneTimeSecret({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation('admin');
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => toast(t('copied')),
      () => toast(t('copyFailed'), 'error'),
    );
  return (
    <div className={styles.secret}>
      <code aria-label={label} data-testid="one-time-secret">
        {value}
      </code>
      <IconButton label={t('copy', { what: label })} onClick={() => void copy()}>
        <Copy size={17} />
      </IconButton>
    </div>
  );
}
