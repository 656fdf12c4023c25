import type { Conversation } from '@parley/protocol';
import { Bell, BellOff, ChevronLeft, MoreVertical, Pin, PinOff, Search, Settings } from 'lucide-react';
import { Suspense, lazy, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../model/app-context.ts';
import { friendOf } from '@parley/sdk';
import { useSessionState } from '../../../model/use-session-state.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import { IconButton } from '../../../ui/Button.tsx';
import { Menu, MenuItem, MenuSeparator } from '../../../ui/Menu.tsx';
import { toast } from '../../../ui/toast.tsx';
import { conversationAvatar, conversationTitle } from '../../../util/conversation-title.ts';
import { errorText } from '../../../util/error-text.ts';
import { listTime } from '../../../util/format-time.ts';
import { closeConversation } from '../../../util/route.ts';
import { OnlineButton } from '../../people/OnlineButton.tsx';
import { PersonTrigger } from '../../people/PersonTrigger.tsx';
import styles from './ChatHeader.module.css';

// Loaded when first opened: not needed to read and write messages.
const GroupSettingsDialog = lazy(() =>
  import('../../groups/GroupSettingsDialog.tsx').then((m) => ({ default: m.GroupSettingsDialog })),
);
const ConversationSearchDialog = lazy(() =>
  import('../../search/ConversationSearchDialog.tsx').then((m) => ({ default: m.ConversationSearchDialog })),
);

/**
 * The bar above a conversation: Back (phones), who or what it is (online / last seen for a
 * person, member count for a group), and a menu to pin, mute and open group settings.
 */
export function ChatHeader({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation('chat');
  const { session } = useSession();
  const friends = useSessionState((s) => s.friends);
  const online = useSessionState((s) => s.online);
  const [busy, setBusy] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  const c = conversation;
  const title = conversationTitle(c, { friends });
  const peer = c.kind === 'direct' ? c.peer : null;
  const peerOnline = peer ? online.has(peer.id) : undefined;
  const lastSeen = peer ? friendOf(session.getSnapshot(), peer.id)?.lastSeenAt : null;
  const subtitle = peer
    ? peerOnline
      ? t('common:online')
      : lastSeen
        ? t('header.lastSeen', { time: listTime(lastSeen) })
        : t('common:offline')
    : t('header.members', { count: c.memberCount });

  const toggle = async (what: 'pin' | 'mute') => {
    setBusy(true);
    try {
      if (what === 'pin') await session.chats.pin(c.id, !c.pinned);
      else await session.chats.mute(c.id, !c.notificationsMuted);
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <header className={styles.header}>
      <IconButton label={t('common:back')} className={styles.back} onClick={closeConversation}>
        <ChevronLeft size={22} />
      </IconButton>
      <PersonTrigger userId={peer?.id ?? null} name={title}>
        <Avatar src={conversationAvatar(c)} name={title} size={38} online={peer ? peerOnline : undefined} />
      </PersonTrigger>
      <div className={styles.names}>
        <h2 className={styles.title}>
          <PersonTrigger
            userId={peer?.id ?? null}
            style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }}
          >
            <span className={styles.titleText}>{title}</span>
          </PersonTrigger>
          {c.notificationsMuted && (
            <BellOff size={14} className={styles.muted} aria-label={t('header.mutedIcon')} />
          )}
        </h2>
        <span className={peerOnline ? `${styles.subtitle} ${styles.online}` : styles.subtitle}>
          {subtitle}
        </span>
      </div>
      <OnlineButton conversation={c} />
      <IconButton label={t('search:inChat.open')} onClick={() => setSearchOpen(true)}>
        <Search size={19} />
      </IconButton>
      <Menu
        trigger={
          <IconButton label={t('header.menu')} disabled={busy}>
            <MoreVertical size={20} />
          </IconButton>
        }
      >
        <MenuItem onSelect={() => void toggle('pin')}>
          {c.pinned ? <PinOff size={17} aria-hidden="true" /> : <Pin size={17} aria-hidden="true" />}
          {c.pinned ? t('header.unpin') : t('header.pin')}
        </MenuItem>
        <MenuItem onSelect={() => void toggle('mute')}>
          {c.notificationsMuted ? (
            <Bell size={17} aria-hidden="true" />
          ) : (
            <BellOff size={17} aria-hidden="true" />
          )}
          {c.notificationsMuted ? t('header.unmute') : t('header.mute')}
        </MenuItem>
        {c.kind !== 'direct' && (
          <>
            <MenuSeparator />
            <MenuItem onSelect={() => setSettingsOpen(true)}>
              <Settings size={17} aria-hidden="true" /> {t('header.groupSettings')}
            </MenuItem>
          </>
        )}
      </Menu>
      <Suspense fallback={null}>
        {searchOpen && (
          <ConversationSearchDialog conversationId={c.id} title={title} open onOpenChange={setSearchOpen} />
        )}
        {settingsOpen && c.kind !== 'direct' && (
          <GroupSettingsDialog conversationId={c.id} open onOpenChange={setSettingsOpen} />
        )}
      </Suspense>
    </header>
  );
}
