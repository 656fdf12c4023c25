import type { Conversation } from '@parley/protocol';
import { UserPlus, Users } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionState } from '../../model/use-session-state.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button, IconButton } from '../../ui/Button.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { groupName } from '../../util/conversation-title.ts';
import { openConversation, useRoute } from '../../util/route.ts';
import { AddFriendDialog } from './AddFriendDialog.tsx';
import { FriendRow } from './FriendRow.tsx';
import { matches } from './matches.ts';
import styles from './People.module.css';

/** The Contacts tab: my friends (A–Z by the name I know them by) and my groups, with a filter. */
export function ContactsTab() {
  const { t } = useTranslation('contacts');
  const friends = useSessionState((s) => s.friends);
  const online = useSessionState((s) => s.online);
  const conversations = useSessionState((s) => s.conversations);
  const { conversationId } = useRoute();
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);

  // The session keeps friends A–Z by the name I call them; groups are sorted here by name.
  const shownFriends = useMemo(
    () => friends.filter((f) => matches(query, f.remark, f.user.displayName, f.user.username)),
    [friends, query],
  );
  const groups = useMemo(
    () =>
      conversations
        .filter((c) => (c.kind === 'group' || c.kind === 'lobby') && matches(query, groupName(c), c.name))
        .sort((a, b) => groupName(a).localeCompare(groupName(b))),
    [conversations, query],
  );
  const filtering = query.trim() !== '';

  return (
    <div className={styles.tab}>
      <div className={styles.searchBar}>
        <SearchField
          className={styles.search}
          value={query}
          onChange={setQuery}
          label={t('searchLabel')}
          placeholder={t('searchPlaceholder')}
        />
        <IconButton label={t('common:menu.addFriend')} onClick={() => setAdding(true)}>
          <UserPlus size={19} />
        </IconButton>
      </div>

      <section className={styles.section} aria-labelledby="contacts-friends">
        <h3 className={styles.sectionTitle} id="contacts-friends">
          {t('friends')} <span>{friends.length || ''}</span>
        </h3>
        {friends.length === 0 ? (
          <div className={styles.empty}>
            <Users size={36} aria-hidden="true" />
            <p>{t('noFriends')}</p>
            <Button variant="primary" onClick={() => setAdding(true)}>
              <UserPlus size={17} aria-hidden="true" /> {t('common:menu.addFriend')}
            </Button>
          </div>
        ) : shownFriends.length === 0 ? (
          <p className={styles.emptySmall}>{t('noMatch')}</p>
        ) : (
          <ul className={styles.list} role="list" aria-labelledby="contacts-friends">
            {shownFriends.map((f) => (
              <FriendRow key={f.user.id} friend={f} online={online.has(f.user.id)} />
            ))}
          </ul>
        )}
      </section>

      <section className={styles.section} aria-labelledby="contacts-groups">
        <h3 className={styles.sectionTitle} id="contacts-groups">
          {t('groups')} <span>{groups.length || ''}</span>
        </h3>
        {groups.length === 0 ? (
          <p className={styles.emptySmall}>{filtering ? t('noMatch') : t('noGroups')}</p>
        ) : (
          <ul className={styles.list} role="list" aria-labelledby="contacts-groups">
            {groups.map((c) => (
              <GroupRow key={c.id} conversation={c} active={c.id === conversationId} />
            ))}
          </ul>
        )}
      </section>
      <AddFriendDialog open={adding} onOpenChange={setAdding} />
    </div>
  );
}

function GroupRow({ conversation: c, active }: { conversation: Conversation; active: boolean }) {
  const { t } = useTranslation('contacts');
  return (
    <li className={styles.row} data-testid="group" data-conversation-id={c.id}>
      <button
        type="button"
        className={styles.rowMain}
        aria-current={active ? 'true' : undefined}
        onClick={() => openConversation(c.id)}
      >
        <Avatar src={c.avatarSmall} name={groupName(c)} size={42} />
        <span className={styles.body}>
          <span className={styles.name}>{groupName(c)}</span>
          <span className={styles.sub}>
            {c.kind === 'lobby' ? t('lobby') : t('memberCount', { count: c.memberCount })}
          </span>
        </span>
      </button>
    </li>
  );
}
