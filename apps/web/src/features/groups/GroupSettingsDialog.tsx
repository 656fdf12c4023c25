import type { Conversation } from '@parley/protocol';
import { LogOut, Trash2, UserPlus } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useNames } from '../../model/use-names.ts';
import { useValue } from '../../model/use-value.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { toast } from '../../ui/toast.tsx';
import { closeConversation } from '../../util/route.ts';
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
  const session = useSession();
  const list = useValue(session.conversations.list);
  const group = list.find((c) => c.id === conversationId);
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
  const session = useSession();
  const me = useValue(session.me).id;
  const online = useValue(session.contacts.online);
  const friends = useValue(session.contacts.friends);
  const names = useNames();
  const { members, error, reload, put, drop } = useMembers(c.id, true);
  const [dialog, setDialog] = useState<'invite' | 'leave' | 'dissolve' | null>(null);
  const close = (o: boolean) => !o && setDialog(null);
  // The list's copy of my role and the member count can lag (member.updated about me is not
  // folded into it): the member list is the truth, so put it back into the conversation.
  const mine = members?.find((m) => m.user.id === me);
  useEffect(() => {
    if (!members || !mine) return;
    if (mine.role !== c.myRole || mine.mutedUntil !== c.myMutedUntil || members.length !== c.memberCount)
      session.conversations.upsert({
        ...c,
        myRole: mine.role,
        myMutedUntil: mine.mutedUntil,
        memberCount: members.length,
      });
  }, [members, mine, c, session]);
  const canManage = c.kind === 'group' && c.myRole !== 'member';
  const owner = c.kind === 'group' && c.myRole === 'owner';
  const memberIds = new Set(members?.map((m) => m.user.id) ?? []);
  const friendIds = new Set(friends.map((f) => f.user.id));
  const presence = (userId: string) =>
    userId === me ? true : c.showPresence || friendIds.has(userId) ? online.has(userId) : undefined;
  const ownerAlone = owner && c.memberCount <= 1;
  useEffect(() => {
    if (canManage) void session.requests.refresh();
  }, [canManage, session]);

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
        {error ? (
          <p className={styles.error} role="alert">
            {error}{' '}
            <Button variant="ghost" onClick={() => void reload()}>
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
                onChanged={put}
                onRemoved={drop}
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
          onAdded={() => void reload()}
        />
      )}
      <ConfirmDialog
        open={dialog === 'leave'}
        onOpenChange={close}
        title={t('leaveTitle')}
        message={c.kind === 'lobby' ? t('leaveLobbyMessage') : t('leaveMessage', { group: c.name })}
        action={t('leave')}
        onConfirm={async () => {
          await session.http.groups.leave(c.id);
          toast(t('left', { group: c.name }));
          closeConversation();
          session.conversations.remove(c.id);
        }}
      />
      <ConfirmDialog
        open={dialog === 'dissolve'}
        onOpenChange={close}
        title={t('dissolveTitle')}
        message={t('dissolveMessage', { group: c.name })}
        action={t('dissolve')}
        onConfirm={async () => {
          await session.http.groups.dissolve(c.id);
          toast(t('dissolved', { group: c.name }));
          closeConversation();
          session.conversations.remove(c.id);
        }}
      />
    </div>
  );
}
