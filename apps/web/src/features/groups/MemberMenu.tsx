import type { Conversation, Member, UpdateGroupMemberBody } from '@parley/protocol';
import { Crown, MicOff, MoreHorizontal, Shield, ShieldOff, UserX, Volume2 } from 'lucide-react';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { IconButton } from '../../ui/Button.tsx';
import { Menu, MenuItem, MenuSeparator } from '../../ui/Menu.tsx';
import { toast } from '../../ui/toast.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { refusalText } from './refusal.ts';
import { isMuted } from './use-members.ts';

const muteFor = [
  { key: 'mute10m', ms: 10 * 60_000 },
  { key: 'mute1h', ms: 60 * 60_000 },
  { key: 'mute1d', ms: 24 * 60 * 60_000 },
] as const;

/**
 * What my role lets me do to a member, by the server's rules: the owner manages everyone; an
 * admin mutes and removes plain members; nobody manages the owner or anyone in the lobby.
 */
export function memberPowers(group: Conversation, member: Member, me: string) {
  const mine = group.myRole;
  const self = member.user.id === me;
  const managed = group.kind === 'group' && !self && member.role !== 'owner';
  const canRole = managed && mine === 'owner';
  const canMute = managed && (mine === 'owner' || (mine === 'admin' && member.role === 'member'));
  const canTransfer = group.kind === 'group' && !self && mine === 'owner';
  return { canRole, canMute, canKick: canMute, canTransfer, any: canRole || canMute || canTransfer };
}

interface MemberMenuProps {
  group: Conversation;
  member: Member;
  name: string;
  me: string;
  /** The button that opens the menu; a "Manage {name}" icon button when not given. */
  trigger?: ReactElement;
  /** One of its confirm dialogs opened or closed (a card that holds the menu steps back meanwhile). */
  onDialog?(open: boolean): void;
}

/**
 * The menu of member actions (make or remove admin, mute for a while, unmute, transfer
 * ownership, remove from the group), for a member row and a person's card alike. Each action
 * puts the server's answer into the session's member list. Nothing renders when my role
 * allows nothing on this member.
 */
export function MemberMenu({ group, member: m, name, me, trigger, onDialog }: MemberMenuProps) {
  const { t } = useTranslation('groups');
  const { session } = useSession();
  const [confirm, setConfirm] = useState<'kick' | 'transfer' | null>(null);
  const [busy, setBusy] = useState(false);
  const { canRole, canMute, canKick, canTransfer, any } = memberPowers(group, m, me);
  const muted = isMuted(m);
  useEffect(() => {
    if (confirm === null) return;
    onDialog?.(true);
    return () => onDialog?.(false);
  }, [confirm, onDialog]);
  if (!any) return null;

  const update = async (changes: UpdateGroupMemberBody, done: string) => {
    setBusy(true);
    try {
      await session.groups.updateMember(group.id, m.user.id, changes);
      toast(done);
    } catch (err) {
      toast(refusalText(err), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Menu
        trigger={
          trigger ?? (
            <IconButton label={t('memberMenu', { name })} disabled={busy}>
              <MoreHorizontal size={18} />
            </IconButton>
          )
        }
        sideOffset={4}
      >
        {canRole &&
          (m.role === 'admin' ? (
            <MenuItem onSelect={() => void update({ role: 'member' }, t('demoted', { name }))}>
              <ShieldOff size={16} aria-hidden="true" /> {t('removeAdmin')}
            </MenuItem>
          ) : (
            <MenuItem onSelect={() => void update({ role: 'admin' }, t('promoted', { name }))}>
              <Shield size={16} aria-hidden="true" /> {t('makeAdmin')}
            </MenuItem>
          ))}
        {canMute && (
          <>
            {canRole && <MenuSeparator />}
            {muted && (
              <MenuItem onSelect={() => void update({ mutedUntil: null }, t('unmuted', { name }))}>
                <Volume2 size={16} aria-hidden="true" /> {t('unmute')}
              </MenuItem>
            )}
            {muteFor.map(({ key, ms }) => (
              <MenuItem
                key={key}
                onSelect={() =>
                  void update(
                    { mutedUntil: new Date(Date.now() + ms).toISOString() },
                    t('mutedDone', { name, duration: t(key) }),
                  )
                }
              >
                <MicOff size={16} aria-hidden="true" /> {t('muteFor', { duration: t(key) })}
              </MenuItem>
            ))}
          </>
        )}
        {(canKick || canTransfer) && <MenuSeparator />}
        {canTransfer && (
          <MenuItem onSelect={() => setConfirm('transfer')}>
            <Crown size={16} aria-hidden="true" /> {t('transfer')}
          </MenuItem>
        )}
        {canKick && (
          <MenuItem danger onSelect={() => setConfirm('kick')}>
            <UserX size={16} aria-hidden="true" /> {t('kick')}
          </MenuItem>
        )}
      </Menu>
      <ConfirmDialog
        open={confirm === 'kick'}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={t('kickTitle')}
        message={t('kickMessage', { name, group: group.name })}
        action={t('kick')}
        onConfirm={async () => {
          await session.groups.kick(group.id, m.user.id);
          toast(t('kicked', { name }));
        }}
      />
      <ConfirmDialog
        open={confirm === 'transfer'}
        onOpenChange={(o) => !o && setConfirm(null)}
        title={t('transferTitle')}
        message={t('transferMessage', { name, group: group.name })}
        action={t('transfer')}
        onConfirm={async () => {
          await session.groups.transfer(group.id, m.user.id);
          toast(t('transferred', { name }));
        }}
      />
    </>
  );
}
