import type { Message } from '@parley/protocol';
import { MessageSquareOff, Upload } from 'lucide-react';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../model/app-context.ts';
import { conversationOf } from '@parley/sdk';
import { useSessionState } from '../../model/use-session-state.ts';
import { Button } from '../../ui/Button.tsx';
import { toast } from '../../ui/toast.tsx';
import { errorText } from '../../util/error-text.ts';
import { closeConversation } from '../../util/route.ts';
import { NoChatOpen } from '../people/NoChatOpen.tsx';
import { attachFiles } from './composer/attach.ts';
import { Composer } from './composer/Composer.tsx';
import { MutedBar, useMutedUntil } from './composer/MutedBar.tsx';
import { ChatHeader } from './header/ChatHeader.tsx';
import { MessageList } from './list/MessageList.tsx';
import { MessageDialogs } from './tools/MessageDialogs.tsx';
import { SelectionBar } from './tools/SelectionBar.tsx';
import { useMessageTools } from './tools/use-message-tools.ts';
import { TypingIndicator } from './TypingIndicator.tsx';
import styles from './ChatPane.module.css';

/** The open conversation (header, messages, typing, composer), or a hint to pick one (a newcomer's first steps). */
export function ChatPane({ conversationId }: { conversationId: string | null }) {
  if (!conversationId) return <NoChatOpen />;
  return <OpenChat key={conversationId} conversationId={conversationId} />;
}

/** One conversation; remounted per conversation so nothing of the previous one lingers. */
function OpenChat({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation('chat');
  const { session } = useSession();
  const conversation = useSessionState((s) => conversationOf(s, conversationId));
  const loaded = useSessionState((s) => s.loaded.conversations);
  // One or the other: replying to a message, or rewriting one of mine.
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [editing, setEditing] = useState<Message | null>(null);
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);

  const onReply = useCallback((message: Message) => {
    setEditing(null);
    setReplyTo(message);
  }, []);
  const onEdit = useCallback((message: Message) => {
    setReplyTo(null);
    setEditing(message);
  }, []);
  const onReplyDone = useCallback(() => setReplyTo(null), []);
  const onEditDone = useCallback(() => setEditing(null), []);
  const mutedUntil = useMutedUntil(conversation?.myMutedUntil);
  const tools = useMessageTools();

  if (!conversation)
    return (
      <div className={styles.empty}>
        {loaded ? (
          <>
            <MessageSquareOff size={52} strokeWidth={1.3} aria-hidden="true" />
            <p>{t('unavailable')}</p>
            <Button onClick={closeConversation}>{t('backToChats')}</Button>
          </>
        ) : (
          <p>{t('common:loading')}</p>
        )}
      </div>
    );

  const hasFiles = (e: React.DragEvent) => e.dataTransfer.types.includes('Files');
  return (
    <section
      className={styles.pane}
      aria-label={t('paneLabel')}
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        dragDepth.current += 1;
        setDragging(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (!hasFiles(e)) return;
        dragDepth.current = Math.max(0, dragDepth.current - 1);
        if (dragDepth.current === 0) setDragging(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        dragDepth.current = 0;
        setDragging(false);
        const files = [...e.dataTransfer.files];
        if (files.length === 0) return;
        try {
          attachFiles(session, conversationId, files);
        } catch (err) {
          toast(errorText(err), 'error');
        }
      }}
    >
      <ChatHeader conversation={conversation} />
      <MessageList conversation={conversation} onReply={onReply} onEdit={onEdit} tools={tools} />
      <TypingIndicator conversationId={conversationId} />
      {tools.selection ? (
        <SelectionBar
          conversationId={conversationId}
          selection={tools.selection}
          actions={tools.actions}
          dialogOpen={!!(tools.forwarding || tools.hiding)}
        />
      ) : mutedUntil ? (
        <MutedBar until={mutedUntil} />
      ) : (
        <Composer
          conversationId={conversationId}
          replyTo={replyTo}
          onReplyDone={onReplyDone}
          editing={editing}
          onEdit={onEdit}
          onEditDone={onEditDone}
        />
      )}
      <MessageDialogs conversationId={conversationId} tools={tools} />
      {dragging && (
        <div className={styles.drop} aria-hidden="true">
          <div className={styles.dropBox}>
            <Upload size={40} strokeWidth={1.5} />
            <p>{t('drop.hint')}</p>
          </div>
        </div>
      )}
    </section>
  );
}
