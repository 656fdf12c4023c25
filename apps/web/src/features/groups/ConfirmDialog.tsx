import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { refusalText } from './refusal.ts';
import styles from '../contacts/People.module.css';

interface ConfirmDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  /** What will happen, in a sentence. */
  message: string;
  /** The confirming button's text ("Remove", "Dissolve"). */
  action: string;
  /** Runs the action; the dialog closes when it resolves and shows the refusal when it throws. */
  onConfirm(): Promise<unknown>;
}

/**
 * Asks before a destructive action (remove a friend, kick, dissolve). Stays open while the
 * call runs and shows the server's refusal in place, so the user sees why nothing happened.
 */
export function ConfirmDialog({ open, onOpenChange, title, message, action, onConfirm }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const change = (o: boolean) => {
    if (busy) return;
    setError(null);
    onOpenChange(o);
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setBusy(false);
      onOpenChange(false);
    } catch (err) {
      setBusy(false);
      setError(refusalText(err));
    }
  };
  return (
    <Dialog open={open} onOpenChange={change} title={title}>
      <p className={styles.message}>{message}</p>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      <div className={styles.actions}>
        <Button onClick={() => change(false)} disabled={busy}>
          {t('cancel')}
        </Button>
        <Button variant="danger" busy={busy} onClick={() => void confirm()}>
          {action}
        </Button>
      </div>
    </Dialog>
  );
}
