import type { Conversation } from '@parley/protocol';
import { conversationOf } from '@parley/sdk';
import { LogOut, Trash2, UserPlus } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useNames } from '../../model/use-names.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { toast } from '../../ui/toast.tsx';
import { closeConversation } from '../../util/route.ts';
import { groupName } from '../../util/conversation-title.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { GroupJoinRequests } from './GroupJoinRequests.tsx';
import { GroupProfile } from './GroupProfile.tsx';
import { GroupRules } from './GroupRules.tsx';
import { InviteFriendsDialog } from './InviteFriendsDialog.tsx';
import { MemberRow } from './MemberRow.tsx';
import { sortMembers, useMembers } from './use-members.ts';
import styles from '../contacts/People.module.css';

/**
 * Everything about one group (or the lobby), opened from the chat header: its profile and
 * rules, members with what my role lets me do to them, invitations, pending applications, and
 * leaving or dissolving. Closes by itself when the group is gone from my list.
 */
export function GroupSettingsDialog({
  conversationId,
  open,
  onOpenChange,
}: {
  conversationId: string;
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const { t } = useTranslation('groups');
  const group = useSessionState((s) => conversationOf(s, conversationId));
  useEffect(() => {
    if (open && !group) onOpenChange(false);
  }, [open, group, onOpenChange]);
  if (!group) return null;
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('settings.title')} wide>
      {open && <GroupSettings group={group} />}
    </Dialog>
  );
}

function GroupSettings({ group: c }: { group: Conversation }) {
  const { t } = useTranslation('groups');
  const { session } = useSession();
  const me = useSessionState((s) => s.me.id);
  const online = useSessionState((s) => s.online);
  const friends = useSessionState((s) => s.friends);
  const names = useNames();
  const { members, failed, reload } = useMembers(c.id);
  const [dialog, setDialog] = useState<'invite' | 'leave' | 'dissolve' | null>(null);
  const close = (o: boolean) => !o && setDialog(null);
  const canManage = c.kind === 'group' && c.myRole !== 'member';
  const owner = c.kind === 'group' && c.myRole === 'owner';
  const memberIds = useMemo(() => new Set(members?.map((m) => m.user.id)), [members]);
  const friendIds = useMemo(() => new Set(friends.map((f) => f.user.id)), [friends]);
  const presence = (userId: string) =>
    userId === me ? true : c.showPresence || friendIds.has(userId) ? online.has(userId) : undefined;
  const ownerAlone = owner && c.memberCount <= 1;

  return (
    <div className={styles.form}>
      <GroupProfile group={c} canManage={canManage} />
      {canManage && <GroupJoinRequests groupId={c.id} />}

      <section aria-labelledby="group-members">
        <h3 className={styles.sectionTitle} id="group-members" style={{ marginLeft: 0, marginRight: 0 }}>
          {t('members', { count: members?.length ?? c.memberCount })}
          {c.kind === 'group' && (
            <Button variant="ghost" onClick={() => setDialog('invite')}>
              <UserPlus size={16} aria-hidden="true" /> {t('invite.button')}
            </Button>
          )}
        </h3>
        {failed ? (
          <p className={styles.error} role="alert">
            {t('common:errors.network')}{' '}
            <Button variant="ghost" onClick={reload}>
              {t('common:retry')}
            </Button>
          </p>
        ) : !members ? (
          <p className={styles.emptySmall}>{t('common:loading')}</p>
        ) : (
          <ul className={styles.list} role="list" aria-labelledby="group-members">
            {sortMembers(members, names).map((m) => (
              <MemberRow
                key={m.user.id}
                group={c}
                member={m}
                name={m.user.id === me ? m.user.displayName : names(m.user.id)}
                online={presence(m.user.id)}
                me={me}
              />
            ))}
          </ul>
        )}
      </section>

      {canManage && <GroupRules group={c} />}

      <div className={styles.actions} style={{ justifyContent: 'flex-start' }}>
        {(!owner || ownerAlone) && (
          <Button variant="secondary" onClick={() => setDialog('leave')}>
            <LogOut size={16} aria-hidden="true" /> {t('leave')}
          </Button>
        )}
        {owner && (
          <Button variant="danger" onClick={() => setDialog('dissolve')}>
            <Trash2 size={16} aria-hidden="true" /> {t('dissolve')}
          </Button>
        )}
      </div>
      {owner && !ownerAlone && <p className={styles.emptySmall}>{t('ownerCannotLeave')}</p>}

      {c.kind === 'group' && (
        <InviteFriendsDialog
          group={c}
          memberIds={memberIds}
          open={dialog === 'invite'}
          onOpenChange={close}
          onAdded={() => session.loadMembers(c.id).catch(() => {})}
        />
      )}
      <ConfirmDialog
        open={dialog === 'leave'}
        onOpenChange={close}
        title={t('leaveTitle')}
        message={c.kind === 'lobby' ? t('leaveLobbyMessage') : t('leaveMessage', { group: c.name })}
        action={t('leave')}
        onConfirm={async () => {
          await session.groups.leave(c.id);
          toast(t('left', { group: groupName(c) }));
          closeConversation();
        }}
      />
      <ConfirmDialog
        open={dialog === 'dissolve'}
        onOpenChange={close}
        title={t('dissolveTitle')}
        message={t('dissolveMessage', { group: c.name })}
        action={t('dissolve')}
        onConfirm={async () => {
          await session.groups.dissolve(c.id);
          toast(t('dissolved', { group: c.name }));
          closeConversation();
        }}
      />
    </div>
  );
}
