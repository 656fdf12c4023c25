import { type AdminGroup, limits } from '@parley/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchField } from '../../ui/SearchField.tsx';
import styles from './AdminConsole.module.css';
import { GroupRow } from './GroupRow.tsx';
import { ListState } from './ListState.tsx';
import { useAdmin } from './use-admin.ts';
import { useDebounced } from './use-debounced.ts';
import { usePaged } from './use-paged.ts';

/** Every live group on the server, public or not, searched by name. */
export function GroupsTab() {
  const { t } = useTranslation('admin');
  const admin = useAdmin();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  const paged = usePaged<AdminGroup>(query, (cursor) =>
    admin
      .groups({ ...(query && { q: query }), ...(cursor && { cursor }) })
      .then((page) => ({ items: page.groups, nextCursor: page.nextCursor })),
  );
  return (
    <div className={styles.part}>
      <div className={styles.toolbar}>
        <SearchField
          className={styles.search}
          label={t('groups.search')}
          placeholder={t('groups.search')}
          value={q}
          onChange={setQ}
          maxLength={limits.searchQueryMax}
        />
      </div>
      {paged.items && paged.items.length > 0 && (
        <ul className={styles.list} aria-label={t('tab.groups')}>
          {paged.items.map((group) => (
            <GroupRow
              key={group.id}
              group={group}
              onDissolved={() => paged.update((groups) => groups.filter((g) => g.id !== group.id))}
            />
          ))}
        </ul>
      )}
      <ListState paged={paged} empty={t(query ? 'groups.noMatch' : 'groups.none')} />
    </div>
  );
}
