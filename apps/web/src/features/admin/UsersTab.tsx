import { type AdminUser, limits } from '@parley/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchField } from '../../ui/SearchField.tsx';
import styles from './AdminConsole.module.css';
import { ListState } from './ListState.tsx';
import { Segmented } from './Segmented.tsx';
import { UserRow } from './UserRow.tsx';
import { useAdmin } from './use-admin.ts';
import { useDebounced } from './use-debounced.ts';
import { usePaged } from './use-paged.ts';

const filters = ['all', 'disabled', 'admins'] as const;
type Filter = (typeof filters)[number];

/** Every account, searched by name and narrowed to the disabled or the admins, a page at a time. */
export function UsersTab() {
  const { t } = useTranslation('admin');
  const admin = useAdmin();
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const query = useDebounced(q.trim());
  const paged = usePaged<AdminUser>(`${filter} ${query}`, (cursor) =>
    admin
      .users({ ...(query && { q: query }), filter, ...(cursor && { cursor }) })
      .then((page) => ({ items: page.users, nextCursor: page.nextCursor })),
  );
  const replace = (user: AdminUser) =>
    paged.update((users) => users.map((u) => (u.id === user.id ? user : u)));
  return (
    <div className={styles.part}>
      <div className={styles.toolbar}>
        <SearchField
          className={styles.search}
          label={t('users.search')}
          placeholder={t('users.search')}
          value={q}
          onChange={setQ}
          maxLength={limits.searchQueryMax}
        />
        <Segmented<Filter>
          label={t('users.filter')}
          options={filters.map((f) => ({ value: f, label: t(`users.filters.${f}`) }))}
          value={filter}
          onChange={setFilter}
        />
      </div>
      {paged.items && paged.items.length > 0 && (
        <ul className={styles.list} aria-label={t('tab.users')}>
          {paged.items.map((user) => (
            <UserRow key={user.id} user={user} onChanged={replace} />
          ))}
        </ul>
      )}
      <ListState paged={paged} empty={t(query || filter !== 'all' ? 'users.noMatch' : 'users.none')} />
    </div>
  );
}
