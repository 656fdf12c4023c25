import { limits } from '@parley/protocol';
import { nameOf } from '@parley/sdk';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionState } from '../../model/use-session-state.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
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
  const friends = useSessionState((s) => s.friends);
  const online = useSessionState((s) => s.online);
  const [query, setQuery] = useState('');
  // The session keeps friends A–Z by the name I call them.
  const shown = useMemo(
    () => friends.filter((f) => matches(query, f.remark, f.user.displayName, f.user.username)),
    [friends, query],
  );
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
      <SearchField
        value={query}
        onChange={setQuery}
        label={t('picker.filter')}
        placeholder={t('picker.filter')}
      />
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
