import type { Conversation, Message } from '@parley/protocol';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso, type ListRange, type VirtuosoHandle } from 'react-virtuoso';
import { useSession } from '../../../model/app-context.ts';
import { useValue } from '../../../model/use-value.ts';
import { toast } from '../../../ui/toast.tsx';
import { errorText } from '../../../util/error-text.ts';
import { dayLabel } from '../../../util/format-time.ts';
import { MessageRow } from '../message/MessageRow.tsx';
import { PendingRow } from '../message/PendingRow.tsx';
import { type ChatActions, ChatActionsContext } from './chat-actions.ts';
import styles from './MessageList.module.css';
import { storedDelivery, type TimelineItem, timelineItems } from './timeline-items.ts';
import { useConversationView } from './use-conversation-view.ts';
import { useFirstItemIndex } from './use-first-item-index.ts';
import { useMarkRead } from './use-mark-read.ts';
import { useRouteJump } from './use-route-jump.ts';

interface MessageListProps {
  conversation: Conversation;
  onReply(message: Message): void;
  onEdit(message: Message): void;
}

/** Where a pending jump goes: a message by seq, or the "new messages" line. */
type JumpTarget = { kind: 'seq'; seq: number } | { kind: 'unread' };

const olderPage = 50;
const highlightMs = 2000;

/**
 * The messages of the open conversation, virtualised (react-virtuoso) as a chat: it starts at
 * the bottom, stays there as messages arrive while the user is there, and offers a button to
 * go down otherwise; older pages load when the top is reached and go in front without moving
 * what is on screen (firstItemIndex). Mount it with `key={conversationId}`: what was unread
 * when the conversation was opened is taken from the first render.
 */
export function MessageList({ conversation, onReply, onEdit }: MessageListProps) {
  const { t } = useTranslation('chat');
  const session = useSession();
  const me = useValue(session.me);
  const id = conversation.id;
  const view = useConversationView(id);
  const [opened] = useState(() => ({ readSeq: conversation.readSeq, unread: conversation.unreadCount }));
  const unreadAfter = opened.unread > 0 ? opened.readSeq : null;
  const items = useMemo(() => timelineItems(view, me.id, unreadAfter), [view, me.id, unreadAfter]);
  const firstItemIndex = useFirstItemIndex(items);
  const virtuoso = useRef<VirtuosoHandle>(null);
  const [tracked, setTracked] = useState(false);
  const [atBottom, setAtBottom] = useState(true);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [highlight, setHighlight] = useState<number | null>(null);
  const [unreadPill, setUnreadPill] = useState(opened.unread > 0);
  const [leftAtSeq, setLeftAtSeq] = useState<number | null>(null);
  const jump = useRef<JumpTarget | null>(null);
  /** At the bottom as react-virtuoso last said, and whether growing rows should keep it there now. */
  const atBottomReported = useRef(true);
  const atBottomNow = useRef(true);
  const latest = useRef({ view, items, conversation, firstItemIndex });
  latest.current = { view, items, conversation, firstItemIndex };

  useEffect(() => {
    let live = true;
    session.store.track(id).finally(() => live && setTracked(true));
    return () => {
      live = false;
    };
  }, [session, id]);

  useMarkRead(view, atBottom);

  const lastSeq = view.messages.at(-1)?.seq ?? 0;
  const onAtBottom = useCallback((bottom: boolean) => {
    atBottomReported.current = bottom;
    atBottomNow.current = bottom;
    setAtBottom(bottom);
    setLeftAtSeq(bottom ? null : (latest.current.view.messages.at(-1)?.seq ?? 0));
  }, []);

  const loadOlder = useCallback(
    (count = olderPage) => {
      if (!session.store.hasOlder(id)) return Promise.resolve(0);
      setLoadingOlder(true);
      return session.store
        .loadOlder(id, count)
        .catch((err: unknown) => {
          toast(errorText(err), 'error');
          jump.current = null;
          return 0;
        })
        .finally(() => setLoadingOlder(false));
    },
    [session, id],
  );

  /** The rows react-virtuoso last rendered (absolute indexes, firstItemIndex included). */
  const rendered = useRef<ListRange>({ startIndex: 0, endIndex: 0 });
  /**
   * Scrolls to a message again if it is not on screen a moment after a jump: rows still being
   * measured, or a fill appended while the list followed the bottom, can carry the list away
   * from it (seen when a search result opens a chat that is still catching up).
   */
  const flashTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Marks a message for `highlightMs`; marking again restarts the time. */
  const flash = useCallback((seq: number) => {
    setHighlight(seq);
    clearTimeout(flashTimer.current);
    flashTimer.current = setTimeout(() => setHighlight((h) => (h === seq ? null : h)), highlightMs);
  }, []);
  useEffect(() => () => clearTimeout(flashTimer.current), []);

  const ensureShown = useCallback(
    (seq: number, tries: number) => {
      setTimeout(() => {
        const { items, firstItemIndex } = latest.current;
        const index = items.findIndex((item) => item.kind === 'message' && item.message.seq === seq);
        const { startIndex, endIndex } = rendered.current;
        if (index < 0) return;
        if (firstItemIndex + index >= startIndex && firstItemIndex + index <= endIndex) {
          // On screen now: the mark lasts its full time from here, however slow the way was.
          flash(seq);
          return;
        }
        atBottomNow.current = false;
        virtuoso.current?.scrollToIndex({ index, align: 'center', behavior: 'auto' });
        if (tries > 1) ensureShown(seq, tries - 1);
      }, 700);
    },
    [flash],
  );

  /** Tries the pending jump: scrolls when its row is held, else loads an older page and tries again. */
  const runJump = useCallback(() => {
    const target = jump.current;
    if (!target) return;
    const { items, view } = latest.current;
    const index = items.findIndex((item) =>
      target.kind === 'unread'
        ? item.kind === 'unread'
        : item.kind === 'message' && item.message.seq === target.seq,
    );
    if (index >= 0) {
      jump.current = null;
      // Rows measured on the way must not pull the list back down (see onHeightChange).
      atBottomNow.current = false;
      setTimeout(() => (atBottomNow.current = atBottomReported.current), 600);
      // After react-virtuoso has taken in rows just prepended (it shifts the scroll position for them).
      requestAnimationFrame(() =>
        requestAnimationFrame(() =>
          virtuoso.current?.scrollToIndex({ index, align: 'center', behavior: 'auto' }),
        ),
      );
      if (target.kind === 'seq') {
        flash(target.seq);
        ensureShown(target.seq, 3);
      } else setUnreadPill(false);
      return;
    }
    const older = target.kind === 'seq' ? view.start >= target.seq : view.start > opened.readSeq;
    if (older && session.store.hasOlder(id))
      // Once the page is in (and rendered), look again: maybe one more page is needed. A
      // message far back (a search result) is reached in one load, with a few rows above it.
      void loadOlder(
        target.kind === 'seq' ? Math.max(olderPage, view.start - target.seq + 11) : olderPage,
      ).then(() => setTimeout(() => runJumpRef.current(), 0));
    else {
      jump.current = null;
      if (target.kind === 'seq') toast(t('reply.notFound'), 'error');
      else setUnreadPill(false);
    }
  }, [session, id, loadOlder, opened.readSeq, t, ensureShown, flash]);

  const runJumpRef = useRef(runJump);
  runJumpRef.current = runJump;

  const jumpTo = useCallback(
    (target: JumpTarget) => {
      jump.current = target;
      runJump();
    },
    [runJump],
  );

  const actions = useMemo<ChatActions>(
    () => ({
      conversationId: id,
      isGroup: conversation.kind !== 'direct',
      myUsername: me.username,
      myId: me.id,
      canModerate: () => {
        const c = latest.current.conversation;
        return c.kind === 'group' && c.myRole !== 'member';
      },
      reply: onReply,
      edit: onEdit,
      jumpTo: (seq) => jumpTo({ kind: 'seq', seq }),
      toggleReaction: (message, emoji) => {
        const mine = message.reactions.find((r) => r.emoji === emoji)?.userIds.includes(me.id);
        const call = mine
          ? session.http.messages.unreact(message.id, emoji)
          : session.http.messages.react(message.id, emoji);
        call.catch((err: unknown) => toast(errorText(err), 'error'));
      },
      recall: (message) => {
        session.http.messages.recall(message.id).catch((err: unknown) => toast(errorText(err), 'error'));
      },
      retry: (clientMsgId) => void session.store.retry(clientMsgId),
      discard: (clientMsgId) => session.store.discard(clientMsgId),
    }),
    [session, id, conversation.kind, me.id, me.username, onReply, onEdit, jumpTo],
  );

  const jumpToSeq = useCallback((seq: number) => jumpTo({ kind: 'seq', seq }), [jumpTo]);
  useRouteJump(id, tracked, jumpToSeq);

  const onRange = useCallback(({ startIndex, endIndex }: ListRange) => {
    rendered.current = { startIndex, endIndex };
    const { items, firstItemIndex } = latest.current;
    const unread = items.findIndex((item) => item.kind === 'unread');
    if (unread >= 0 && firstItemIndex + unread >= startIndex && firstItemIndex + unread <= endIndex)
      setUnreadPill(false);
  }, []);

  const peerReadSeq = conversation.kind === 'direct' ? conversation.peerReadSeq : null;
  const renderItem = useCallback(
    (_: number, item: TimelineItem) => {
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
              delivery={item.message.senderId === me.id ? storedDelivery(item.message, peerReadSeq) : null}
              highlighted={highlight === item.message.seq}
            />
          );
        case 'pending':
          return <PendingRow item={item.item} first={item.first} replyTo={item.replyTo} />;
      }
    },
    [t, me.id, peerReadSeq, highlight],
  );

  const followedKey = useRef<string | undefined>(undefined);
  const followOutput = useCallback((bottom: boolean) => {
    // Only rows added at the end move the list (a page of history put in front must not).
    const last = latest.current.items.at(-1);
    if (last?.key === followedKey.current) return false;
    followedKey.current = last?.key;
    // What I just sent is always shown; others' messages only when I am at the bottom already.
    if (last?.kind === 'pending' && last.item.status !== 'failed' && last.item.attempts <= 1) return 'auto';
    return bottom ? 'smooth' : false;
  }, []);

  const heightFirstIndex = useRef(firstItemIndex);
  const onHeightChange = useCallback(() => {
    // A row at the bottom grew (reactions, an edit): keep it in view, unless history went in front.
    const { firstItemIndex } = latest.current;
    const prepended = firstItemIndex !== heightFirstIndex.current;
    heightFirstIndex.current = firstItemIndex;
    if (!prepended && atBottomNow.current && !jump.current)
      virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end' });
  }, []);

  /**
   * The "latest messages" button: a smooth scroll when the end is near, else a jump (a long
   * smooth scroll over rows not measured yet stops short of the end), and a last step without
   * animation if rows measured on the way still left it short.
   */
  const goToLatest = useCallback(() => {
    const { items, firstItemIndex } = latest.current;
    const near = firstItemIndex + items.length - 1 - rendered.current.endIndex < 15;
    virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: near ? 'smooth' : 'auto' });
    setTimeout(() => {
      if (!atBottomReported.current) virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end' });
    }, 700);
  }, []);

  const newCount = useMemo(() => {
    if (leftAtSeq === null) return 0;
    let count = 0;
    for (let i = view.messages.length - 1; i >= 0 && view.messages[i]!.seq > leftAtSeq; i--)
      if (view.messages[i]!.senderId !== me.id) count++;
    return count;
  }, [view, leftAtSeq, me.id]);

  const ready = tracked || view.messages.length > 0 || view.pending.length > 0;
  const hasOlder = view.start > 0;
  if (!ready) return <div className={styles.loading}>{t('common:loading')}</div>;
  // The list opens at the bottom: what is there now is followed already.
  followedKey.current ??= items.at(-1)?.key;
  return (
    <ChatActionsContext.Provider value={actions}>
      <div className={styles.wrap}>
        <Virtuoso<TimelineItem, ListContext>
          ref={virtuoso}
          className={styles.list}
          role="log"
          aria-label={t('messagesLabel')}
          tabIndex={0}
          data={items}
          firstItemIndex={firstItemIndex}
          initialTopMostItemIndex={{ index: 'LAST', align: 'end' }}
          computeItemKey={(_, item) => item.key}
          itemContent={renderItem}
          alignToBottom
          followOutput={followOutput}
          atBottomStateChange={onAtBottom}
          totalListHeightChanged={onHeightChange}
          atBottomThreshold={80}
          startReached={() => void loadOlder()}
          rangeChanged={onRange}
          components={components}
          context={{ hasOlder, loadingOlder }}
        />
        {unreadPill && (
          <button type="button" className={styles.unreadPill} onClick={() => jumpTo({ kind: 'unread' })}>
            <ArrowUp size={15} aria-hidden="true" />
            {t('unreadPill', { count: opened.unread })}
          </button>
        )}
        {!atBottom && (
          <button
            type="button"
            className={styles.toBottom}
            onClick={goToLatest}
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
