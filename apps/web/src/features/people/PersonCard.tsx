import { nameOf } from '@parley/sdk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button } from '../../ui/Button.tsx';
import { listTime } from '../../util/format-time.ts';
import { RequestForm } from '../contacts/AddFriendDialog.tsx';
import { PersonActions } from './PersonActions.tsx';
import { type Person, usePerson } from './use-person.ts';
import styles from './PersonCard.module.css';

interface PersonCardProps {
  userId: string;
  /** Opened from a group (a message or its member list): member actions my role allows. */
  groupId?: string | undefined;
  /** Called when what the card did leaves it nothing to show (a chat opened, a request sent and accepted). */
  onClose(): void;
  /** A dialog of the card's (remark, block, a member action) opened or closed: the card steps back meanwhile. */
  onNested?(open: boolean): void;
}

/**
 * Someone as I see them: picture, the name I call them (and theirs, under a remark),
 * @username, bio, presence when I may see it, and what I can do — message, add (with a note,
 * the Add friend form), accept, remark, block or unblock, and manage them in a group I run.
 */
export function PersonCard({ userId, groupId, onClose, onNested }: PersonCardProps) {
  const { t } = useTranslation('people');
  const person = usePerson(userId);
  const [asking, setAsking] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { user } = person;

  if (!user)
    return (
      <div className={styles.card} data-testid="person-card" data-user-id={userId}>
        {person.error ? (
          <div className={styles.problem} role="alert">
            <p>{person.error}</p>
            <Button onClick={person.retry}>{t('common:retry')}</Button>
          </div>
        ) : (
          <p className={styles.loading}>{t('common:loading')}</p>
        )}
      </div>
    );

  if (asking)
    return (
      <div className={styles.card} data-testid="person-card" data-user-id={userId}>
        <RequestForm
          user={user}
          onBack={() => setAsking(false)}
          onSent={(name) => {
            setSentTo(name);
            setAsking(false);
          }}
          onFriends={onClose}
        />
      </div>
    );

  return (
    <div className={styles.card} data-testid="person-card" data-user-id={userId}>
      <PersonHeader person={person} />
      {user.bio && <p className={styles.bio}>{user.bio}</p>}
      {sentTo && (
        <p className={styles.success} role="status">
          {t('contacts:add.sent', { name: sentTo })}
        </p>
      )}
      <PersonActions
        person={person}
        groupId={groupId}
        onAsk={() => {
          setSentTo(null);
          setAsking(true);
        }}
        onClose={onClose}
        onNested={onNested}
      />
    </div>
  );
}

/** Picture, names and presence. */
function PersonHeader({ person }: { person: Person }) {
  const { t } = useTranslation('people');
  const user = person.user!;
  const remark = person.friend?.remark ? nameOf(person.friend) : null;
  const presence = person.self
    ? null
    : person.online
      ? t('common:online')
      : person.lastSeenAt
        ? t('lastSeen', { time: listTime(person.lastSeenAt) })
        : person.friend && !person.blocked
          ? t('common:offline')
          : null;
  return (
    <div className={styles.head}>
      <Avatar
        src={user.avatar ?? user.avatarSmall}
        name={user.displayName}
        size={64}
        online={presence === null ? undefined : person.online}
      />
      <div className={styles.names}>
        <strong className={styles.name} data-testid="person-name">
          {remark ?? user.displayName}
          {person.self && <span className={styles.chip}>{t('common:you')}</span>}
        </strong>
        {remark && <span className={styles.sub}>{t('nameIs', { name: user.displayName })}</span>}
        <span className={styles.sub}>@{user.username}</span>
        {presence && (
          <span className={person.online ? `${styles.presence} ${styles.online}` : styles.presence}>
            {presence}
          </span>
        )}
      </div>
    </div>
  );
}
