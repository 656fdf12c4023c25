import { MessageSquare, UserPlus, Users } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pendingCount, unreadTotal } from '@parley/sdk';
import { useSessionState } from '../../model/use-session-state.ts';
import { Badge } from '../../ui/Badge.tsx';
import { ContactsTab } from '../contacts/ContactsTab.tsx';
import { RequestsTab } from '../requests/RequestsTab.tsx';
import { ChatsWithSearch } from '../search/ChatsWithSearch.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { ProfileCard } from './ProfileCard.tsx';
import styles from './Sidebar.module.css';

type Tab = 'chats' | 'contacts' | 'requests';

/**
 * The lists beside the chat: a complementary landmark, or the screen's main one when they are
 * all there is (a phone with no chat open; MainLayout decides).
 */
export function Sidebar({ activeId, main }: { activeId: string | null; main: boolean }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('chats');
  const unread = useSessionState((s) => unreadTotal(s));
  const pending = useSessionState(pendingCount);
  const tabs: { id: Tab; icon: typeof MessageSquare; count: number }[] = [
    { id: 'chats', icon: MessageSquare, count: unread },
    { id: 'contacts', icon: Users, count: 0 },
    { id: 'requests', icon: UserPlus, count: pending },
  ];
  return (
    // A section with the role, not <aside>, which may not be the main landmark; still a
    // sectioning element, so the profile card's <header> stays a header, not a second banner.
    // One element either way: switching roles keeps the open tab and the search.
    <section className={styles.sidebar} role={main ? 'main' : 'complementary'}>
      <ProfileCard />
      <ConnectionBanner />
      <div className={styles.content} role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'chats' && <ChatsWithSearch activeId={activeId} />}
        {tab === 'contacts' && <ContactsTab />}
        {tab === 'requests' && <RequestsTab />}
      </div>
      <nav className={styles.tabs} role="tablist" aria-label={t('appName')}>
        {tabs.map(({ id, icon: Icon, count }) => (
          <button
            key={id}
            id={`tab-${id}`}
            role="tab"
            type="button"
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            onClick={() => setTab(id)}
            className={styles.tab}
          >
            <span className={styles.tabIcon}>
              <Icon size={21} aria-hidden="true" />
              <span className={styles.tabBadge}>
                <Badge count={count} />
              </span>
            </span>
            <span>{t(`tabs.${id}`)}</span>
          </button>
        ))}
      </nav>
    </section>
  );
}
