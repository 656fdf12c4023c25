import type { Conversation, Member } from '@parley/protocol';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../ui/Avatar.tsx';
import { clockTime, dayLabel } from '../../util/format-time.ts';
import { PersonTrigger } from '../people/PersonTrigger.tsx';
import { MemberMenu } from './MemberMenu.tsx';
import { isMuted } from './use-members.ts';
import styles from '../contacts/People.module.css';

interface MemberRowProps {
  group: Conversation;
  member: Member;
  name: string;
  online: boolean | undefined;
  me: string;
}

/**
 * One member in group settings: picture with presence, name, role and mute badges (opening
 * their card, which offers the same member actions), and the menu of what my role allows on
 * them (MemberMenu).
 */
export function MemberRow({ group, member: m, name, online, me }: MemberRowProps) {
  const { t } = useTranslation('groups');
  const self = m.user.id === me;
  const muted = isMuted(m);
  const until = m.mutedUntil ? `${dayLabel(m.mutedUntil)} ${clockTime(m.mutedUntil)}` : '';

  return (
    <li className={styles.row} data-testid="member" data-user-id={m.user.id}>
      <PersonTrigger
        userId={m.user.id}
        groupId={group.id}
        className={styles.static}
        style={{ paddingLeft: 8 }}
      >
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
      </PersonTrigger>
      <MemberMenu group={group} member={m} name={name} me={me} />
    </li>
  );
}
