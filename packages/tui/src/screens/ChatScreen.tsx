import { Box, type Key, Text, useApp } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import type { Me } from '@parley/protocol';
import type { ParleyClient } from '@parley/sdk';
import { ChatList } from '../components/ChatList.tsx';
import { ChatPane, messageRows } from '../components/ChatPane.tsx';
import { Composer } from '../components/Composer.tsx';
import { HelpPane } from '../components/HelpPane.tsx';
import { KeyHelp, keysFor } from '../components/KeyHelp.tsx';
import { ReactionPicker, reactions } from '../components/ReactionPicker.tsx';
import { RequestPane } from '../components/RequestPane.tsx';
import { StatusBar } from '../components/StatusBar.tsx';
import { endReasonText } from '../format/end-reason.ts';
import { listRows } from '../format/list-rows.ts';
import { messageLines } from '../format/message-lines.ts';
import { conversationTitle, personName } from '../format/names.ts';
import { useArrivals } from '../hooks/useArrivals.ts';
import { useChatView } from '../hooks/useChatView.ts';
import { useKeys } from '../hooks/useKeys.ts';
import { useMarkRead } from '../hooks/useMarkRead.ts';
import { useParleySession } from '../hooks/useParleySession.ts';
import { failedWith, useRequestAnswers } from '../hooks/useRequestAnswers.ts';
import { useConversationView, useSessionState } from '../hooks/useSessionState.ts';
import type { TerminalSize } from '../hooks/useTerminalSize.ts';
import { useSyncedState } from '../hooks/useSyncedState.ts';
import { useTypingSender } from '../hooks/useTypingSender.ts';
import { useUnsentCount } from '../hooks/useUnsentCount.ts';
import { useWantedPeople } from '../hooks/useWantedPeople.ts';
import { CacheFile } from '../storage/cache-file.ts';
import { OutboxFile } from '../storage/outbox-file.ts';
import { type LineState, emptyLine } from '../text/line-edit.ts';
import { fit } from '../text/width.ts';
import { arrivalText, subtitleOf, typingText } from './chat-texts.ts';

interface Props {
  server: string;
  client: ParleyClient;
  me: Me;
  size: TerminalSize;
  /** The session ended: signed out here (reason undefined) or by the server. */
  onSignedOut(reason?: string): void;
}

/**
 * The signed-in screen: the chat list on the left, the open chat on the right, a line for
 * notices, the composer, the status bar and the keys. Everything it shows comes from the
 * SDK's ParleySession; everything it does goes through it.
 */
export function ChatScreen({ server, client, me, size, onSignedOut }: Props) {
  const { exit } = useApp();
  const session = useParleySession(server, client, me);
  const state = useSessionState(session);
  const [focus, setFocus, focusNow] = useSyncedState<'list' | 'chat'>('list');
  const [selectedKey, setSelectedKey, selectedKeyNow] = useSyncedState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, LineState>>({});
  const [flash, setFlash] = useState<string | null>(null);
  const [help, setHelp, helpNow] = useSyncedState(false);

  const listWidth = Math.min(32, Math.max(18, Math.floor(size.columns * 0.3)));
  const paneWidth = size.columns - listWidth;
  const paneHeight = Math.max(8, size.rows - 4);
  const rows = useMemo(() => listRows(state), [state]);
  const indexOf = (key: string | null) =>
    Math.max(
      0,
      rows.findIndex((r) => r.kind + r.id === key),
    );
  const selected = indexOf(selectedKey);
  const selectedRow = rows[selected];
  const name = (id: string | null) => personName(state, id);

  const chat = useChatView(session);
  const { view } = chat;
  const conversationView = useConversationView(session, view.openId);
  const lines = useMemo(
    () => (conversationView ? messageLines(conversationView, state.me.id, paneWidth - 2, name) : []),
    [conversationView, state, paneWidth],
  );
  const chatRows = messageRows(paneHeight);
  useMarkRead(session, conversationView, view.scroll === 0);
  useWantedPeople(session, conversationView);
  const [arrival, clearArrival] = useArrivals(state, view.openId);
  const sendTyping = useTypingSender(session);

  useEffect(() => {
    if (!state.ended) return;
    // Ended by the server (revoked, password changed): the chats kept on disk go with it.
    new CacheFile(server, me.id).remove();
    onSignedOut(endReasonText(state.ended));
  }, [state.ended, onSignedOut, server, me.id]);
  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => setFlash(null), 5000);
    return () => clearTimeout(timer);
  }, [flash]);

  const open = state.conversations.find((c) => c.id === view.openId);
  const draft = (view.openId && drafts[view.openId]) || emptyLine;
  const messageById = (id: string | null) => conversationView?.messages.find((m) => m.id === id) ?? null;
  const unsent = useUnsentCount(session);
  const waiting = rows.filter((r) => r.kind !== 'conversation').length;

  const failed = failedWith(setFlash);

  const answers = useRequestAnswers(session, setFlash);
  const activate = () => {
    const row = rows[indexOf(selectedKeyNow.current)];
    if (row?.kind === 'conversation') {
      chat.open(row.id);
      setFocus('chat');
    } else if (row) answers.accept(row);
  };

  const react = (emoji: string) => {
    const target =
      messageById(chat.latest.current.selectedId) ??
      conversationView?.messages.findLast((m) => m.kind !== 'system');
    chat.setPicking(false);
    if (!target) return;
    const mine = target.reactions.some((r) => r.emoji === emoji && r.userIds.includes(state.me.id));
    (mine ? session.chats.unreact(target.id, emoji) : session.chats.react(target.id, emoji)).catch(
      failed('Reacting'),
    );
  };

  const submit = (text: string) => {
    const { openId, replyTo } = chat.latest.current;
    const command = text.trim();
    if (!openId || !command) return;
    setDrafts((d) => ({ ...d, [openId]: emptyLine }));
    if (command === '/quit') return exit();
    if (command === '/help') return setHelp(true);
    if (command === '/signout') {
      void session.signOut().then(() => {
        new OutboxFile(server, me.id).remove();
        new CacheFile(server, me.id).remove();
        onSignedOut();
      });
      return;
    }
    if (command === '/retry' || command === '/discard') {
      // A send the server refused (or that gave up) waits for the user: again, or drop it.
      for (const item of session.messages.view(openId).pending)
        if (item.status === 'failed')
          if (command === '/retry') session.messages.retry(item.clientMsgId);
          else session.messages.discard(item.clientMsgId);
      return;
    }
    session.chats.send(openId, text, replyTo ? { replyToId: replyTo.id } : {});
    chat.setReplyTo(null);
    chat.clearSelection();
  };

  // Reads the state as the previous key left it (the *Now refs), not as last drawn.
  const onKey = (input: string, key: Key) => {
    const now = chat.latest.current;
    if (helpNow.current) return setHelp(false);
    if (key.ctrl && input === 'n' && arrival) {
      chat.open(arrival.conversationId);
      setSelectedKey(`conversation${arrival.conversationId}`);
      setFocus('chat');
      return clearArrival();
    }
    if (key.tab) return setFocus(focusNow.current === 'list' && now.openId ? 'chat' : 'list');
    if (focusNow.current === 'list') {
      if (input === '?') setHelp(true);
      else if (key.upArrow || key.downArrow) {
        const at = indexOf(selectedKeyNow.current) + (key.upArrow ? -1 : 1);
        const next = rows[Math.min(rows.length - 1, Math.max(0, at))];
        if (next) setSelectedKey(next.kind + next.id);
      } else if (key.return) activate();
      else if (input === 'x' || key.delete) answers.decline(rows[indexOf(selectedKeyNow.current)]);
      return;
    }
    if (now.picking) {
      const choice = reactions[Number(input) - 1];
      if (choice) react(choice);
      else if (key.escape) chat.setPicking(false);
      return;
    }
    if (key.escape) {
      if (now.replyTo) chat.setReplyTo(null);
      else if (now.selectedId) chat.clearSelection();
      else setFocus('list');
    } else if (key.upArrow) chat.selectStep(-1, lines, chatRows);
    else if (key.downArrow) chat.selectStep(1, lines, chatRows);
    else if (key.pageUp) chat.scrollBy(chatRows - 1, lines, chatRows);
    else if (key.pageDown) chat.scrollBy(1 - chatRows, lines, chatRows);
    else if (key.ctrl && input === 'r') {
      const target =
        messageById(now.selectedId) ?? conversationView?.messages.findLast((m) => m.kind !== 'system');
      if (target) chat.setReplyTo(target);
    } else if (key.ctrl && input === 'e') chat.setPicking(true);
  };
  useKeys(onKey);

  const replyLine = view.replyTo
    ? `↪ Replying to ${name(view.replyTo.senderId)}: ${view.replyTo.text} (Esc cancels)`
    : '';
  const typing = view.openId ? typingText(state.typing[view.openId] ?? [], name) : '';
  const notice = arrival ? arrivalText(state, arrival) : (flash ?? '');

  return (
    <Box flexDirection="column" width={size.columns} height={size.rows}>
      <Box>
        <ChatList
          rows={rows}
          selected={selected}
          openId={view.openId}
          focused={focus === 'list'}
          width={listWidth}
          height={paneHeight}
        />
        {help ? (
          <HelpPane width={paneWidth} height={paneHeight} />
        ) : focus === 'list' && selectedRow && selectedRow.kind !== 'conversation' ? (
          <RequestPane row={selectedRow} width={paneWidth} height={paneHeight} />
        ) : (
          <ChatPane
            title={open ? conversationTitle(state, open) : 'No chat open'}
            subtitle={open ? subtitleOf(state, open) : 'Choose a chat on the left and press Enter'}
            lines={lines}
            scroll={Math.min(view.scroll, Math.max(0, lines.length - chatRows))}
            selectedId={view.selectedId}
            footer={[replyLine, typing].filter(Boolean).join(' · ')}
            focused={focus === 'chat'}
            width={paneWidth}
            height={paneHeight}
          />
        )}
      </Box>
      <Text color={arrival ? 'magenta' : 'cyan'}>{fit(notice, size.columns)}</Text>
      {view.picking ? (
        <ReactionPicker width={size.columns} />
      ) : (
        <Composer
          state={draft}
          onChange={(next) => {
            const { openId } = chat.latest.current;
            if (!openId) return;
            setDrafts((d) => ({ ...d, [openId]: next }));
            if (next.text.trim()) sendTyping(openId);
          }}
          onSubmit={submit}
          enabled={view.openId !== null}
          focused={focus === 'chat' && !help}
          width={size.columns}
        />
      )}
      <StatusBar
        connection={state.connection}
        username={state.me.username}
        unsent={unsent}
        waiting={waiting}
        width={size.columns}
      />
      <KeyHelp keys={keysFor(focus, selectedRow?.kind, view.picking)} width={size.columns} />
    </Box>
  );
}
