import type { Conversation } from '@parley/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { toast } from '../../ui/toast.tsx';
import { FriendPicker } from './FriendPicker.tsx';
import { refusalText } from './refusal.ts';
import styles from '../contacts/People.module.css';

/**
 * Picks friends who are not members yet and invites them: in invite mode 'accept' they get an
 * invitation, in 'direct' they are in at once.
 */
export function InviteFriendsDialog({
  group,
  memberIds,
  open,
  onOpenChange,
  onAdded,
}: {
  group: Conversation;
  memberIds: ReadonlySet<string>;
  open: boolean;
  onOpenChange(open: boolean): void;
  onAdded(): void;
}) {
  const { t } = useTranslation('groups');
  const { session } = useSession();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) {
      setSelected(new Set());
      setError(null);
    }
  }, [open]);
  const invite = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await session.groups.invite(group.id, [...selected]);
      if (result.added.length) onAdded();
      toast(
        result.added.length
          ? t('invite.added', { count: result.added.length })
          : t('invite.sent', { count: result.invitations.length }),
      );
      onOpenChange(false);
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('invite.title', { group: group.name })}
      description={group.inviteMode === 'direct' ? t('inviteMode.directHint') : t('inviteMode.acceptHint')}
    >
      <div className={styles.form}>
        <FriendPicker
          label={t('invite.pick')}
          selected={selected}
          onChange={setSelected}
          exclude={memberIds}
        />
        {error && (
          <p className={styles.error} role="alert">
            {error}
          </p>
        )}
        <div className={styles.actions}>
          <Button onClick={() => onOpenChange(false)}>{t('common:cancel')}</Button>
          <Button variant="primary" busy={busy} disabled={selected.size === 0} onClick={() => void invite()}>
            {t('invite.submit', { count: selected.size })}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
