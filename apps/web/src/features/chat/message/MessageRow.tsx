import type { Message } from '@parley/protocol';
import { memo, useDeferredValue, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNames } from '../../../model/use-names.ts';
import { useSessionState } from '../../../model/use-session-state.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import { clockTime } from '../../../util/format-time.ts';
import { messagePreview, noticeText } from '../../../util/message-preview.ts';
import { useChatActions } from '../list/chat-actions.ts';
import type { Delivery } from '../list/timeline-items.ts';
import { StickerImage } from '../media/StickerImage.tsx';
import { PersonTrigger } from '../../people/PersonTrigger.tsx';
import { DeliveryMark } from './DeliveryMark.tsx';
import { MessageActions } from './MessageActions.tsx';
import { MessageBody } from './MessageBody.tsx';
import { Reactions } from './Reactions.tsx';
import { ReplyQuote } from './ReplyQuote.tsx';
import styles from './MessageRow.module.css';

interface MessageRowProps {
  message: Message;
  /** First of a run by one sender: shows the avatar and name (groups). */
  first: boolean;
  last: boolean;
  /** My messages only; null for others'. */
  delivery: Delivery | null;
  highlighted: boolean;
  /** Selection mode: whether this one is picked; null when not selecting. */
  selected: boolean | null;
}

const longPressMs = 450;

/**
 * One stored message: a centred line for notices and recalls, else a bubble (mine on the
 * right) with the quote it answers, its body, time and delivery mark, reactions and actions.
 * Memoised: it renders again only when its message or its place in a run changes.
 */
export const MessageRow = memo(function MessageRow({
  message,
  first,
  last,
  delivery,
  highlighted,
  selected,
}: MessageRowProps) {
  const { t } = useTranslation('chat');
  const names = useNames();
  const actions = useChatActions();
  const [menuOpen, setMenuOpen] = useState(false);
  // The toolbar (hidden until hover or focus) comes a moment after the bubble, in a render
  // the browser can interrupt: a chat opening draws its messages without the weight of a
  // menu and a popover per message first.
  const toolbar = useDeferredValue(true, false) || menuOpen;
  const press = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mine = message.senderId === actions.myId;
  const common = {
    'data-testid': 'message',
    'data-seq': message.seq,
    'data-status': delivery ?? undefined,
    'data-highlighted': highlighted || undefined,
  };

  if (message.kind === 'system' || message.recalledAt) {
    const text =
      message.kind === 'system' && message.notice && !message.recalledAt
        ? noticeText(message.notice, names)
        : messagePreview(message, names, false);
    return (
      <div {...common} className={`message-row ${styles.row} ${styles.notice}`}>
        <span className={styles.noticeText}>{text}</span>
      </div>
    );
  }

  const showSender = actions.isGroup && !mine;
  const bare = message.kind === 'sticker' && message.sticker;
  const cancelPress = () => {
    if (press.current) clearTimeout(press.current);
    press.current = null;
  };
  const selecting = selected !== null;
  return (
    <div
      {...common}
      data-mine={mine}
      data-selected={selected || undefined}
      className={`message-row ${styles.row} ${mine ? styles.mine : styles.other} ${first ? styles.first : ''} ${last ? styles.last : ''} ${selecting ? styles.selecting : ''}`}
      // Selecting, a click anywhere on the row picks it (not the picture, link or name under it).
      onClickCapture={
        selecting
          ? (e) => {
              e.preventDefault();
              e.stopPropagation();
              actions.toggleSelected(message);
            }
          : undefined
      }
    >
      {selecting && (
        <input
          type="checkbox"
          className={styles.check}
          checked={selected}
          readOnly
          aria-label={t('select.one', { name: names(message.senderId) })}
        />
      )}
      {showSender && (
        <div className={styles.avatarColumn}>
          {first && (
            <PersonTrigger
              userId={message.senderId}
              groupId={message.conversationId}
              name={names(message.senderId)}
            >
              <SenderAvatar userId={message.senderId} />
            </PersonTrigger>
          )}
        </div>
      )}
      <div className={styles.column}>
        {showSender && first && (
          <div className={styles.sender}>
            <PersonTrigger userId={message.senderId} groupId={message.conversationId}>
              {names(message.senderId)}
            </PersonTrigger>
          </div>
        )}
        <div className={styles.line}>
          <div
            className={
              bare
                ? styles.bare
                : message.attachment?.kind === 'image'
                  ? `${styles.bubble} ${styles.media}`
                  : styles.bubble
            }
            onContextMenu={(e) => {
              if (selecting || (e.target as HTMLElement).closest('a')) return;
              e.preventDefault();
              setMenuOpen(true);
            }}
            onPointerDown={(e) => {
              if (e.pointerType !== 'touch' || selecting) return;
              press.current = setTimeout(() => setMenuOpen(true), longPressMs);
            }}
            onPointerUp={cancelPress}
            onPointerMove={cancelPress}
            onPointerCancel={cancelPress}
          >
            {message.replyTo && <ReplyQuote reply={message.replyTo} />}
            {bare ? (
              <StickerImage sticker={message.sticker!} />
            ) : (
              <MessageBody message={message} myUsername={actions.myUsername} />
            )}
            <span className={styles.meta}>
              {message.forwardedFrom && <span>{t('forwarded')}</span>}
              {message.editedAt && <span>{t('edited')}</span>}
              <time dateTime={message.createdAt}>{clockTime(message.createdAt)}</time>
              {delivery && <DeliveryMark delivery={delivery} direct={!actions.isGroup} />}
            </span>
          </div>
          {!selecting && toolbar && (
            <MessageActions
              message={message}
              mine={mine}
              menuOpen={menuOpen}
              onMenuOpenChange={setMenuOpen}
            />
          )}
        </div>
        <Reactions message={message} />
      </div>
    </div>
  );
});

function SenderAvatar({ userId }: { userId: string | null }) {
  const names = useNames();
  const user = useSessionState((s) => (userId ? s.users[userId] : undefined));
  return <Avatar src={user?.avatarSmall} name={names(userId)} size={34} />;
}
