import type { PublicUser } from '@parley/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button } from '../../ui/Button.tsx';
import { useSearch } from '../contacts/use-search.ts';
import { PersonTrigger } from '../people/PersonTrigger.tsx';
import styles from './Search.module.css';

/** A few at first (the list is a side panel); "More people" shows the rest of one bounded page. */
const firstPage = 5;
const page = 25;

/**
 * People on the server whose name or @username contains the query (GET /users?q=), each
 * opening their card; what they are to me is said beside the name. Hidden when none match.
 */
export function PeopleResults({ query }: { query: string }) {
  const { t } = useTranslation('people');
  const { session } = useSession();
  const me = useSessionState((s) => s.me.id);
  const [limit, setLimit] = useState(firstPage);
  const search = useSearch(query, async (q) => {
    const found = await session.people.search({ q, limit: page });
    return found.users.filter((u) => u.id !== me);
  });
  // A new query starts small again.
  const [forQuery, setForQuery] = useState(query);
  if (forQuery !== query) {
    setForQuery(query);
    setLimit(firstPage);
  }
  const found = search.results ?? [];
  if (found.length === 0) return null;
  return (
    <section className={styles.section} aria-labelledby="search-people">
      <h3 className={styles.sectionTitle} id="search-people">
        {t('search.people')}
      </h3>
      <ul className={styles.list} aria-labelledby="search-people">
        {found.slice(0, limit).map((u) => (
          <PersonRow key={u.id} user={u} />
        ))}
      </ul>
      {found.length > limit && (
        <div className={styles.more}>
          <Button variant="ghost" onClick={() => setLimit(page)}>
            {t('search.morePeople')}
          </Button>
        </div>
      )}
    </section>
  );
}

function PersonRow({ user }: { user: PublicUser }) {
  const { t } = useTranslation('people');
  const friend = useSessionState((s) => s.friends.some((f) => f.user.id === user.id));
  const blocked = useSessionState((s) => s.blocks.some((b) => b.user.id === user.id));
  const requested = useSessionState((s) =>
    s.outgoing.some((r) => r.to.id === user.id && r.status === 'pending'),
  );
  const status = blocked
    ? t('search.blocked')
    : friend
      ? t('search.friend')
      : requested
        ? t('contacts:add.requestSent')
        : null;
  return (
    <li data-testid="person-result" data-user-id={user.id}>
      <PersonTrigger userId={user.id} className={styles.result}>
        <Avatar src={user.avatarSmall} name={user.displayName} size={40} />
        <span className={styles.body}>
          <span className={styles.title}>{user.displayName}</span>
          <span className={styles.snippet}>
            @{user.username}
            {status && ` · ${status}`}
          </span>
        </span>
      </PersonTrigger>
    </li>
  );
}
