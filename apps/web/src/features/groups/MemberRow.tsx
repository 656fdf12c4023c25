import type { Conversation, Member, UpdateGroupMemberBody } from '@parley/protocol';
import { Crown, MicOff, MoreHorizontal, Shield, ShieldOff, UserX, Volume2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { IconButton } from '../../ui/Button.tsx';
import { Menu, MenuItem, MenuSeparator } from '../../ui/Menu.tsx';
import { toast } from '../../ui/toast.tsx';
import { clockTime, dayLabel } from '../../util/format-time.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { refusalText } from './refusal.ts';
import { isMuted } from './use-members.ts';
import styles from '../contacts/People.module.css';

const muteFor = [
  { key: 'mute10m', ms: 10 * 60_000 },
  { key: 'mute1h', ms: 60 * 60_000 },
  { key: 'mute1d', ms: 24 * 60 * 60_000 },
] as const;

interface MemberRowProps {
  group: Conversation;
  member: Member;
  name: string;
  online: boolean | undefined;
  me: string;
}

/**
 * One member in group settings: picture with presence, name, role and mute badges, and the
 * actions my role allows on them (the server's rules: the owner manages everyone; an admin
 * mutes and removes plain members; nobody manages the owner or anyone in the lobby). Each
 * action puts the server's answer into the session's member list.
 */
export function MemberRow({ group, member: m, name, online, me }: MemberRowProps) {
  const { t } = useTranslation('groups');
  const { session } = useSession();
  const [confirm, setConfirm] = useState<'kick' | 'transfer' | null>(null);
  const [busy, setBusy] = useState(false);
  const mine = group.myRole;
  const self = m.user.id === me;
  const managed = group.kind === 'group' && !self && m.role !== 'owner';
  const canRole = managed && mine === 'owner';
  const canMute = managed && (mine === 'owner' || (mine === 'admin' && m.role === 'member'));
  const canKick = canMute;
  const canTransfer = group.kind === 'group' && !self && mine === 'owner';
  const muted = isMuted(m);

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
  const until = m.mutedUntil ? `${dayLabel(m.mutedUntil)} ${clockTime(m.mutedUntil)}` : '';

  return (
    <li className={styles.row} data-testid="member" data-user-id={m.user.id}>
      <span className={styles.static} style={{ paddingLeft: 8 }}>
        <Avatar src={m.user.avatarSmall} name={name} size={38} online={online} />
        <span className={styles.body}>
          <span className={styles.line}>
            <span className={styles.name}>{name}</span>
            {self && <span className={styles.chip}>{t('common:you')}</span>}
            {m.role !== 'member' && (
              <span className={`${styles.chip} ${styles[m.role]}`}>{t(`role.${m.role}`)}</span>
            )}
            {muted && (
              <span className={`${styles.chip} ${styles.mutedChip}`} title={t('mutedUntil', { time: until })}>
                {t('muted')}
              </span>
            )}
          </span>
          <span className={styles.sub}>
            @{m.user.username}
            {online !== undefined && (
              <span className="visually-hidden"> {online ? t('common:online') : t('common:offline')}</span>
            )}
          </span>
        </span>
      </span>
      {(canRole || canMute || canTransfer) && (
        <Menu
          trigger={
            <IconButton label={t('memberMenu', { name })} disabled={busy}>
              <MoreHorizontal size={18} />
            </IconButton>
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
      )}
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
    </li>
  );
}
