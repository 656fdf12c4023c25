import type { Conversation, UpdateGroupBody } from '@parley/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { toast } from '../../ui/toast.tsx';
import { InviteModeChoice, PolicyChoice } from './PolicyChoice.tsx';
import { refusalText } from './refusal.ts';
import styles from '../contacts/People.module.css';

/** Who may join and what an invitation does; saved as soon as a choice is made (owner or admin). */
export function GroupRules({ group: c }: { group: Conversation }) {
  const { t } = useTranslation('groups');
  const { session } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The choice being saved shows at once; the group's own value returns if the save fails.
  const [saving, setSaving] = useState<UpdateGroupBody>({});
  const save = async (changes: UpdateGroupBody) => {
    setBusy(true);
    setSaving(changes);
    setError(null);
    try {
      await session.groups.update(c.id, changes);
      toast(t('common:saved'));
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(false);
      setSaving({});
    }
  };
  return (
    <div className={styles.form}>
      <PolicyChoice
        value={saving.joinPolicy ?? c.joinPolicy}
        disabled={busy}
        onChange={(joinPolicy) => void save({ joinPolicy })}
      />
      <InviteModeChoice
        value={saving.inviteMode ?? c.inviteMode}
        disabled={busy}
        onChange={(inviteMode) => void save({ inviteMode })}
      />
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
