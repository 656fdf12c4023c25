import type { Conversation, Message } from '@parley/protocol';
import type { ConversationView } from '@parley/sdk';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ListRange, Virtuoso } from 'react-virtuoso';
import { AnnouncementBar } from '../announcement/AnnouncementBar.tsx';
import { useSession } from '../../../model/app-context.ts';
import { useSessionState } from '../../../model/use-session-state.ts';
import { dayLabel } from '../../../util/format-time.ts';
import { MessageRow } from '../message/MessageRow.tsx';
import { NoticeRun } from '../message/NoticeRun.tsx';
import { PendingRow } from '../message/PendingRow.tsx';
import type { MessageTools } from '../tools/use-message-tools.ts';
import { ChatActionsContext } from './chat-actions.ts';
import { useListRefs } from './list-refs.ts';
import styles from './MessageList.module.css';
import { storedDelivery, type TimelineItem, timelineItems } from './timeline-items.ts';
import { useConversationView } from '../../../model/use-session-state.ts';
import { useFirstItemIndex } from './use-first-item-index.ts';
import { useFollow } from './use-follow.ts';
import { useJump } from './use-jump.ts';
import { useLatest } from './use-latest.ts';
import { useMarkRead } from './use-mark-read.ts';
import { useOlder } from './use-older.ts';
import { useRouteJump } from './use-route-jump.ts';
import { useRowActions } from './use-row-actions.ts';
import { useTimers } from './use-timers.ts';

interface MessageListProps {
  conversation: Conversation;
  onReply(message: Message): void;
  onEdit(message: Message): void;
  /** Selection mode, forwarding, the picture viewer: kept by the chat. */
  tools: MessageTools;
}

/**
 * The messages of the open conversation, virtualised (react-virtuoso) as a chat: it starts at
 * the bottom, stays there as messages arrive while the user is there, and offers a button to
 * go down otherwise; older pages load when the top is reached and go in front without moving
 * what is on screen (firstItemIndex). Mount it with `key={conversationId}`: what was unread
 * when the conversation was opened is taken from the first render. The behaviour lives in
 * hooks (use-older, use-follow, use-jump, use-row-actions); this renders.
 */
export function MessageList(props: MessageListProps) {
  const { t } = useTranslation('chat');
  const view = useConversationView(props.conversation.id);
  const older = useOlder(props.conversation.id);
  const ready = older.tracked || view.messages.length > 0 || view.pending.length > 0;
  if (!ready) return <div className={styles.loading}>{t('common:loading')}</div>;
  return <Timeline {...props} view={view} older={older} />;
}

interface TimelineProps extends MessageListProps {
  view: ConversationView;
  older: ReturnType<typeof useOlder>;
}

function Timeline({ conversation, onReply, onEdit, tools, view, older }: TimelineProps) {
  const { t } = useTranslation('chat');
  const { session } = useSession();
  const meId = useSessionState((s) => s.me.id);
  const id = conversation.id;
  const [opened] = useState(() => ({ readSeq: conversation.readSeq, unread: conversation.unreadCount }));
  const unreadAfter = opened.unread > 0 ? opened.readSeq : null;
  const items = useMemo(() => timelineItems(view, meId, unreadAfter), [view, meId, unreadAfter]);
  const firstItemIndex = useFirstItemIndex(items);
  const refs = useListRefs();
  const timers = useTimers();
  const latest = useLatest({ view, items, firstItemIndex });
  // The list opens at the bottom: the row there now is followed already.
  const [openedAtKey] = useState(() => items.at(-1)?.key);
  const follow = useFollow(refs, latest, timers, openedAtKey);
  const { loadOlder, loadingOlder, tracked } = older;
  const jump = useJump({
    refs,
    latest,
    timers,
    loadOlder,
    hasOlder: () => session.messages.hasOlder(id),
    opened,
  });
  const { jumpTo } = jump;
  const jumpToSeq = useCallback((seq: number) => jumpTo({ kind: 'seq', seq }), [jumpTo]);
  const jumpToMessage = useCallback((messageId: string) => jumpTo({ kind: 'id', messageId }), [jumpTo]);
  const actions = useRowActions({ conversation, onReply, onEdit, jumpTo: jumpToSeq, tools: tools.actions });
  useRouteJump(id, tracked, jumpToSeq);
  useMarkRead(view, follow.atBottom);

  const { hidePill } = jump;
  const onRange = useCallback(
    ({ startIndex, endIndex }: ListRange) => {
      refs.rendered.current = { startIndex, endIndex };
      const { items, firstItemIndex } = latest.current;
      const unread = items.findIndex((item) => item.kind === 'unread');
      if (unread >= 0 && firstItemIndex + unread >= startIndex && firstItemIndex + unread <= endIndex)
        hidePill();
    },
    [refs, latest, hidePill],
  );

  const peerReadSeq = conversation.kind === 'direct' ? conversation.peerReadSeq : null;
  const { selection } = tools;
  const renderItem = useCallback(
    (_: number, item: TimelineItem) => (
      <Row
        item={item}
        meId={meId}
        peerReadSeq={peerReadSeq}
        highlight={jump.highlight}
        selection={selection}
      />
    ),
    [meId, peerReadSeq, jump.highlight, selection],
  );

  const newCount = useMemo(() => {
    const { leftAtSeq } = follow;
    if (leftAtSeq === null) return 0;
    let count = 0;
    for (let i = view.messages.length - 1; i >= 0 && view.messages[i]!.seq > leftAtSeq; i--)
      if (view.messages[i]!.senderId !== meId) count++;
    return count;
  }, [view, follow, meId]);

  const lastSeq = view.messages.at(-1)?.seq ?? 0;
  return (
    <ChatActionsContext.Provider value={actions}>
      {/* Here, not in the chat pane: clicking it jumps in this list. */}
      <AnnouncementBar conversation={conversation} onOpen={jumpToMessage} />
      <div className={styles.wrap}>
        <Virtuoso<TimelineItem, ListContext>
          ref={refs.virtuoso}
          className={styles.list}
          role="log"
          aria-label={t('messagesLabel')}
          tabIndex={0}
          data={items}
          firstItemIndex={firstItemIndex}
          initialTopMostItemIndex={{ index: 'LAST', align: 'end' }}
          // A usual row's height: the list draws a screenful at once instead of first drawing
          // one row to measure (a whole extra render when a chat opens); rows are measured after.
          defaultItemHeight={60}
          computeItemKey={(_, item) => item.key}
          itemContent={renderItem}
          alignToBottom
          followOutput={follow.followOutput}
          atBottomStateChange={follow.onAtBottom}
          totalListHeightChanged={follow.onHeightChange}
          atBottomThreshold={80}
          startReached={() => void loadOlder()}
          rangeChanged={onRange}
          components={components}
          context={{ hasOlder: view.start > 0, loadingOlder }}
        />
        {jump.unreadPill && (
          <button type="button" className={styles.unreadPill} onClick={() => jump.jumpTo({ kind: 'unread' })}>
            <ArrowUp size={15} aria-hidden="true" />
            {t('unreadPill', { count: opened.unread })}
          </button>
        )}
        {!follow.atBottom && (
          <button
            type="button"
            className={styles.toBottom}
            onClick={follow.goToLatest}
            aria-label={newCount > 0 ? t('newMessages', { count: newCount }) : t('toBottom')}
            title={t('toBottom')}
          >
            <ArrowDown size={18} aria-hidden="true" />
            {newCount > 0 && <span className={styles.newCount}>{newCount}</span>}
          </button>
        )}
        {/* lastSeq in the DOM lets tests wait for a message to arrive. */}
        <span hidden data-testid="last-seq" data-seq={lastSeq} />
      </div>
    </ChatActionsContext.Provider>
  );
}

interface RowProps {
  item: TimelineItem;
  meId: string;
  peerReadSeq: number | null;
  highlight: number | null;
  selection: ReadonlySet<string> | null;
}

/** One row of the timeline: a day line, the "new messages" line, a stored or a pending message. */
function Row({ item, meId, peerReadSeq, highlight, selection }: RowProps) {
  const { t } = useTranslation('chat');
  switch (item.kind) {
    case 'day':
      return (
        <div className={styles.day} role="separator">
          <span>{dayLabel(item.at)}</span>
        </div>
      );
    case 'unread':
      return (
        <div className={styles.unread} role="separator" data-testid="unread-divider">
          <span>{t('unreadDivider')}</span>
        </div>
      );
    case 'message':
      return (
        <MessageRow
          message={item.message}
          first={item.first}
          last={item.last}
          delivery={item.message.senderId === meId ? storedDelivery(item.message, peerReadSeq) : null}
          highlighted={highlight === item.message.seq}
          selected={selection ? selection.has(item.message.id) : null}
        />
      );
    case 'notices':
      return <NoticeRun messages={item.messages} />;
    case 'pending':
      return <PendingRow item={item.item} first={item.first} replyTo={item.replyTo} />;
  }
}

interface ListContext {
  hasOlder: boolean;
  loadingOlder: boolean;
}

/** Above the first row: "loading earlier messages" while a page loads, the start of the history once it is all held. */
function Header({ context }: { context?: ListContext }) {
  const { t } = useTranslation('chat');
  return (
    <div className={styles.header}>
      {context?.hasOlder ? (context.loadingOlder ? t('loadingOlder') : '') : t('beginning')}
    </div>
  );
}

function Footer() {
  return <div className={styles.footer} />;
}

// Stable identities: react-virtuoso remounts a component it is given anew.
const components = { Header, Footer };
