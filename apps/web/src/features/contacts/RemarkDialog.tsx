import type { Friend } from '@parley/protocol';
import { limits } from '@parley/protocol';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { refusalText } from '../groups/refusal.ts';
import { textProblem } from './one-line.ts';
import styles from './People.module.css';

/** Sets my private name for a friend (what my lists show instead of their display name). */
export function RemarkDialog({
  friend,
  open,
  onOpenChange,
}: {
  friend: Friend;
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const { t } = useTranslation('contacts');
  const { session } = useSession();
  const [value, setValue] = useState(friend.remark ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setValue(friend.remark ?? '');
      setError(null);
    }
  }, [open, friend.remark]);

  const problem = textProblem(value, limits.remarkMax);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      const trimmed = value.trim();
      await session.people.setRemark(friend.user.id, trimmed ? trimmed : null);
      onOpenChange(false);
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('remark.title')}>
      <form className={styles.form} onSubmit={(e) => void submit(e)}>
        <Field
          label={t('remark.label')}
          value={value}
          placeholder={friend.user.displayName}
          maxLength={limits.remarkMax}
          autoFocus
          onChange={(e) => setValue(e.target.value)}
          error={error}
          hint={t('remark.hint', { name: friend.user.displayName })}
        />
        <div className={styles.actions}>
          <Button onClick={() => onOpenChange(false)}>{t('common:cancel')}</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {t('common:save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
