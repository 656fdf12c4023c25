import type { Conversation } from '@parley/protocol';
import { BellOff, Pin } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useNames } from '../../model/use-names.ts';
import { useSessionState } from '../../model/use-session-state.ts';
import { Avatar } from '../../ui/Avatar.tsx';
import { Badge } from '../../ui/Badge.tsx';
import { conversationAvatar, conversationTitle } from '../../util/conversation-title.ts';
import { listTime } from '../../util/format-time.ts';
import { messagePreview } from '../../util/message-preview.ts';
import { openConversation } from '../../util/route.ts';
import styles from './ChatList.module.css';

export function ChatListItem({ conversation: c, active }: { conversation: Conversation; active: boolean }) {
  const { t } = useTranslation('chats');
  const online = useSessionState((s) => s.online);
  const friends = useSessionState((s) => s.friends);
  const names = useNames();
  const title = conversationTitle(c, { friends });
  const preview = c.lastMessage ? messagePreview(c.lastMessage, names, c.kind !== 'direct') : '';
  const time = c.lastMessage?.createdAt ?? c.createdAt;
  const peerOnline = c.kind === 'direct' && c.peer ? online.has(c.peer.id) : undefined;
  return (
    <li>
      <button
        type="button"
        className={styles.item}
        aria-current={active ? 'true' : undefined}
        data-pinned={c.pinned || undefined}
        data-testid="conversation"
        data-conversation-id={c.id}
        onClick={() => openConversation(c.id)}
      >
        <Avatar src={conversationAvatar(c)} name={title} size={46} online={peerOnline} />
        <span className={styles.body}>
          <span className={styles.row}>
            <span className={styles.title}>{title}</span>
            <time className={styles.time} dateTime={time}>
              {listTime(time)}
            </time>
          </span>
          <span className={styles.row}>
            <span className={styles.preview}>
              {c.mentionCount > 0 && <span className={styles.mention}>{t('mentioned')} </span>}
              {preview}
            </span>
            <span className={styles.marks}>
              {c.pinned && <Pin size={13} aria-label={t('pinned')} />}
              {c.notificationsMuted && <BellOff size={13} aria-label={t('muted')} />}
              <Badge
                count={c.unreadCount}
                muted={c.notificationsMuted}
                label={t('unread', { count: c.unreadCount })}
              />
            </span>
          </span>
        </span>
      </button>
    </li>
  );
}
