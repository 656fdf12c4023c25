import type { Conversation } from '@parley/protocol';
import { isBlankText, limits } from '@parley/protocol';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { openConversation } from '../../util/route.ts';
import { textProblem } from '../contacts/one-line.ts';
import { FriendPicker } from './FriendPicker.tsx';
import { PolicyChoice } from './PolicyChoice.tsx';
import { refusalText } from './refusal.ts';
import styles from '../contacts/People.module.css';

/** Makes a group: a name, friends added at once, and how others may join; then opens it. */
export function CreateGroupDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const { t } = useTranslation('groups');
  const { session } = useSession();
  const [name, setName] = useState('');
  const [members, setMembers] = useState<Set<string>>(new Set());
  const [policy, setPolicy] = useState<Conversation['joinPolicy']>('approval');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) {
      setName('');
      setMembers(new Set());
      setPolicy('approval');
      setError(null);
      setNameError(null);
    }
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = isBlankText(name) ? t('create.nameRequired') : textProblem(name, limits.groupNameMax);
    setNameError(problem);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      const c = await session.groups.create({
        name: name.trim(),
        joinPolicy: policy,
        memberIds: [...members],
      });
      onOpenChange(false);
      openConversation(c.id);
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('create.title')} wide>
      <form className={styles.form} onSubmit={(e) => void submit(e)}>
        <Field
          label={t('create.name')}
          value={name}
          maxLength={limits.groupNameMax}
          placeholder={t('create.namePlaceholder')}
          autoFocus
          onChange={(e) => {
            setName(e.target.value);
            setNameError(null);
          }}
          error={nameError}
        />
        <FriendPicker label={t('create.members')} selected={members} onChange={setMembers} />
        <PolicyChoice value={policy} onChange={setPolicy} />
        {error && (
          <p className={styles.error} role="alert">
            {error}
          </p>
        )}
        <div className={styles.actions}>
          <Button onClick={() => onOpenChange(false)}>{t('common:cancel')}</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {t('create.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
