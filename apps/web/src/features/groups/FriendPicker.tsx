import { limits } from '@parley/protocol';
import { Search } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nameOf } from '../../model/contacts.ts';
import { useSession } from '../../model/app-context.ts';
import { useValue } from '../../model/use-value.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { matches } from '../contacts/matches.ts';
import styles from '../contacts/People.module.css';

/**
 * A checkbox list of my friends with a filter, for making a group or inviting to one. Friends
 * in `exclude` (already members) are shown ticked and disabled; at most inviteBatchMax at once.
 */
export function FriendPicker({
  selected,
  onChange,
  exclude,
  label,
}: {
  selected: ReadonlySet<string>;
  onChange(next: Set<string>): void;
  exclude?: ReadonlySet<string>;
  label: string;
}) {
  const { t } = useTranslation('groups');
  const session = useSession();
  const friends = useValue(session.contacts.friends);
  const online = useValue(session.contacts.online);
  const [query, setQuery] = useState('');
  const shown = friends
    .filter((f) => matches(query, f.remark, f.user.displayName, f.user.username))
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  const full = selected.size >= limits.inviteBatchMax;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  if (friends.length === 0) return <p className={styles.emptySmall}>{t('picker.noFriends')}</p>;
  return (
    <div className={styles.stack}>
      <span className={styles.label} id="friend-picker-label">
        {label} {selected.size > 0 && t('picker.selected', { count: selected.size })}
      </span>
      <label className={styles.search}>
        <Search size={16} aria-hidden="true" />
        <span className="visually-hidden">{t('picker.filter')}</span>
        <input
          type="search"
          value={query}
          placeholder={t('picker.filter')}
          onChange={(e) => setQuery(e.target.value)}
        />
      </label>
      <ul className={styles.pickList} role="list" aria-labelledby="friend-picker-label">
        {shown.length === 0 && <li className={styles.emptySmall}>{t('picker.noMatch')}</li>}
        {shown.map((f) => {
          const member = exclude?.has(f.user.id) ?? false;
          const checked = member || selected.has(f.user.id);
          const disabled = member || (full && !checked);
          return (
            <li key={f.user.id}>
              <label className={styles.pick} data-disabled={disabled || undefined}>
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={disabled}
                  onChange={(e) => toggle(f.user.id, e.target.checked)}
                />
                <Avatar src={f.user.avatarSmall} name={nameOf(f)} size={34} online={online.has(f.user.id)} />
                <span className={styles.body}>
                  <span className={styles.name}>{nameOf(f)}</span>
                  <span className={styles.sub}>{member ? t('picker.member') : `@${f.user.username}`}</span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
