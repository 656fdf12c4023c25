import { limits, type Member, type Message } from '@parley/protocol';
import { conversationOf } from '@parley/sdk';
import { Check, Mic, Paperclip, SendHorizontal } from 'lucide-react';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../model/app-context.ts';
import { IconButton } from '../../../ui/Button.tsx';
import { useSessionState } from '../../../model/use-session-state.ts';
import { AttachmentTray } from './AttachmentTray.tsx';
import { attachFiles } from './attach.ts';
import { focusComposerOnOpen } from './autofocus.ts';
import { EditBar, ReplyBar } from './ContextBar.tsx';
import { EmojiButton } from './EmojiButton.tsx';
import { MentionList } from './MentionList.tsx';
import { RecordingBar } from './RecordingBar.tsx';
import { StickerButton } from './StickerButton.tsx';
import { useComposerText } from './use-composer-text.ts';
import { useMentions } from './use-mentions.ts';
import { useSend } from './use-send.ts';
import { useTyping } from './use-typing.ts';
import { useVoice } from './use-voice.ts';
import styles from './Composer.module.css';

export interface ComposerProps {
  conversationId: string;
  /** The message being answered, shown above the input; null when not replying. */
  replyTo: Message | null;
  /** Called once the reply was sent or the user cancelled it. */
  onReplyDone(): void;
  /** My message being rewritten: its text is in the box until saved or cancelled; else null. */
  editing: Message | null;
  /** Starts editing one of my messages (↑ in an empty box picks my last text message). */
  onEdit(message: Message): void;
  /** Called once the edit was saved or the user cancelled it. */
  onEditDone(): void;
}

/** The counter shows once this few characters are left. */
const counterFrom = limits.messageTextMax - 300;

/**
 * Everything to write and send in the open chat: the text box (Enter sends, Shift+Enter breaks
 * the line; drafts kept per conversation), @mentions in groups, emoji, stickers, attachments
 * (pick, paste, or dropped on the pane) and voice messages. Sends go through the store's
 * outbox, so they show at once and leave when the connection allows. While one of my messages
 * is being edited the box holds its text instead of the draft (which is kept and comes back).
 */
export function Composer({
  conversationId,
  replyTo,
  onReplyDone,
  editing,
  onEdit,
  onEditDone,
}: ComposerProps) {
  const { t } = useTranslation('composer');
  const { session } = useSession();
  const isGroup = useSessionState((s) => {
    const kind = conversationOf(s, conversationId)?.kind;
    return kind !== undefined && kind !== 'direct';
  });
  const files = useRef<HTMLInputElement>(null);
  const typing = useTyping(conversationId);
  const voice = useVoice(conversationId);
  const recording = voice.state.phase !== 'idle';
  const { text, change, box, insertAtCaret } = useComposerText(conversationId, editing, recording);
  const mentions = useMentions(conversationId, isGroup);
  const counterId = useId();
  const { send, sendSticker, saving, trimmed, tooLong, lastEditable } = useSend({
    conversationId,
    text,
    replyTo,
    editing,
    sent: () => {
      change('');
      mentions.close();
      if (replyTo) onReplyDone();
      box.current?.focus();
    },
    onEditDone,
  });

  useEffect(() => {
    if (replyTo) box.current?.focus();
  }, [replyTo, box]);

  // The chat was just opened (the composer mounts once per conversation): ready to type.
  useEffect(() => {
    if (focusComposerOnOpen()) box.current?.focus({ preventScroll: true });
  }, [box]);

  const write = (next: string, caret?: number) => {
    change(next, caret);
    if (next.trim() && !editing) typing();
  };

  const pickMember = (member: Member) => {
    if (!mentions.mention) return;
    const caret = box.current?.selectionStart ?? text.length;
    const insert = `@${member.user.username} `;
    write(
      text.slice(0, mentions.mention.start) + insert + text.slice(caret),
      mentions.mention.start + insert.length,
    );
    mentions.close();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    // While an input method composes (pinyin…), Enter confirms the candidate: never send then.
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    if (mentions.onKey(e, pickMember)) return;
    if (e.key === 'Escape' && (editing || replyTo)) {
      e.preventDefault();
      if (editing) onEditDone();
      else onReplyDone();
    } else if (e.key === 'ArrowUp' && !text && !editing) {
      const last = lastEditable();
      if (last) {
        e.preventDefault();
        onEdit(last);
      }
    } else if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      send();
    }
  };

  const onPaste = (e: React.ClipboardEvent<HTMLTextAreaElement>) => {
    // An edit changes the text only; a picture pasted then is not sent as a new message.
    if (editing) return;
    const pasted = [...e.clipboardData.files];
    // Text copied with a picture (e.g. from a document) pastes as text; a bare picture or file attaches.
    if (pasted.length === 0 || e.clipboardData.getData('text/plain').trim()) return;
    e.preventDefault();
    attachFiles(session, conversationId, pasted);
  };

  const refocus = () => box.current?.focus();
  const { open: listOpen, listId, optionId, activeIndex } = mentions;

  return (
    <div className={styles.composer}>
      {editing ? (
        <EditBar message={editing} onCancel={onEditDone} />
      ) : (
        replyTo && <ReplyBar message={replyTo} onCancel={onReplyDone} />
      )}
      <AttachmentTray conversationId={conversationId} />
      {listOpen && (
        <MentionList
          id={listId}
          members={mentions.suggestions}
          active={activeIndex}
          optionId={optionId}
          onPick={pickMember}
          onHover={mentions.setActive}
        />
      )}
      <div className={styles.row}>
        {!recording && (
          <div className={styles.tools}>
            <EmojiButton onPick={insertAtCaret} onClosed={refocus} />
            {!editing && (
              <>
                <StickerButton onSend={sendSticker} onClosed={refocus} />
                <IconButton label={t('attach.pick')} onClick={() => files.current?.click()}>
                  <Paperclip size={21} aria-hidden="true" />
                </IconButton>
              </>
            )}
            <input
              ref={files}
              type="file"
              multiple
              hidden
              tabIndex={-1}
              aria-hidden="true"
              onChange={(e) => {
                const picked = [...(e.target.files ?? [])];
                e.target.value = '';
                if (picked.length > 0) attachFiles(session, conversationId, picked);
                refocus();
              }}
            />
          </div>
        )}
        {recording ? (
          <RecordingBar
            state={voice.state}
            mode={voice.mode}
            outside={voice.outside}
            onCancel={voice.cancel}
            onSend={voice.send}
          />
        ) : (
          <div className={styles.inputWrap}>
            <textarea
              ref={box}
              className={styles.input}
              rows={1}
              value={text}
              placeholder={t('placeholder')}
              aria-label={t('inputLabel')}
              aria-autocomplete={isGroup ? 'list' : undefined}
              aria-controls={listOpen ? listId : undefined}
              aria-activedescendant={listOpen ? optionId(activeIndex) : undefined}
              aria-invalid={tooLong || undefined}
              aria-describedby={trimmed.length >= counterFrom ? counterId : undefined}
              enterKeyHint="send"
              onChange={(e) => {
                write(e.target.value);
                mentions.update(e.target.value, e.target.selectionStart);
              }}
              onSelect={(e) => mentions.update(e.currentTarget.value, e.currentTarget.selectionStart)}
              onBlur={mentions.close}
              onKeyDown={onKeyDown}
              onPaste={onPaste}
            />
            {trimmed.length >= counterFrom && (
              <span
                id={counterId}
                className={`${styles.counter} ${tooLong ? styles.counterOver : ''}`}
                aria-live="polite"
              >
                {t('counter', { count: limits.messageTextMax - trimmed.length })}
              </span>
            )}
          </div>
        )}
        {editing ? (
          <IconButton
            label={t('edit.save')}
            className={styles.send}
            onClick={send}
            disabled={!trimmed || tooLong || saving}
          >
            <Check size={20} aria-hidden="true" />
          </IconButton>
        ) : (!trimmed || recording) && (!recording || voice.mode === 'hold') ? (
          <IconButton
            label={recording ? t('voice.holding') : t('voice.record')}
            className={`${styles.mic} ${recording ? styles.micLive : ''}`}
            aria-pressed={recording}
            {...voice.micProps}
          >
            <Mic size={21} aria-hidden="true" />
          </IconButton>
        ) : !recording ? (
          <IconButton label={t('send')} className={styles.send} onClick={send} disabled={tooLong}>
            <SendHorizontal size={20} aria-hidden="true" />
          </IconButton>
        ) : null}
      </div>
    </div>
  );
}
