import type { GroupSummary } from '@parley/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { groupName } from '../../util/conversation-title.ts';
import { openConversation } from '../../util/route.ts';
import { useSearch } from '../contacts/use-search.ts';
import { GroupCard } from '../groups/GroupCard.tsx';
import styles from './Search.module.css';

const firstPage = 5;
const page = 25;

/**
 * Listed groups whose name contains the query (GET /groups?q=; invite-only groups and the
 * lobby are never listed). A group I am in opens; another shows its card to join or apply.
 * Hidden when none match.
 */
export function GroupResults({ query }: { query: string }) {
  const { t } = useTranslation('people');
  const { session } = useSession();
  const [limit, setLimit] = useState(firstPage);
  const [preview, setPreview] = useState<GroupSummary | null>(null);
  const search = useSearch(query, async (q) => (await session.groups.search({ q, limit: page })).groups);
  const [forQuery, setForQuery] = useState(query);
  if (forQuery !== query) {
    setForQuery(query);
    setLimit(firstPage);
  }
  const found = search.results ?? [];
  return (
    <>
      {found.length > 0 && (
        <section className={styles.section} aria-labelledby="search-groups">
          <h3 className={styles.sectionTitle} id="search-groups">
            {t('search.groups')}
          </h3>
          <ul className={styles.list} aria-labelledby="search-groups">
            {found.slice(0, limit).map((g) => (
              <GroupRow key={g.id} group={g} onPreview={setPreview} />
            ))}
          </ul>
          {found.length > limit && (
            <div className={styles.more}>
              <Button variant="ghost" onClick={() => setLimit(page)}>
                {t('search.moreGroups')}
              </Button>
            </div>
          )}
        </section>
      )}
      {preview && (
        <Dialog open onOpenChange={(o) => !o && setPreview(null)} title={groupName(preview)}>
          <ul className={styles.list}>
            <GroupCard group={preview} onJoined={() => setPreview(null)} />
          </ul>
        </Dialog>
      )}
    </>
  );
}

function GroupRow({ group, onPreview }: { group: GroupSummary; onPreview(g: GroupSummary): void }) {
  const { t } = useTranslation('groups');
  const member = useSessionState((s) => s.conversations.some((c) => c.id === group.id));
  const name = groupName(group);
  return (
    <li data-testid="group-search-result" data-group-id={group.id}>
      <button
        type="button"
        className={styles.result}
        data-search-item
        onClick={() => (member ? openConversation(group.id) : onPreview(group))}
      >
        <Avatar src={group.avatarSmall} name={name} size={40} />
        <span className={styles.body}>
          <span className={styles.title}>{name}</span>
          <span className={styles.snippet}>
            {t('memberCount', { count: group.memberCount })} ·{' '}
            {member ? t('people:search.joined') : t(`policy.${group.joinPolicy}Short`)}
          </span>
        </span>
      </button>
    </li>
  );
}
