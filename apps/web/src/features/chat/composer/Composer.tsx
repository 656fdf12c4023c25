import { limits, type Member, type Message, type Sticker } from '@parley/protocol';
import { Check, Mic, Paperclip, SendHorizontal } from 'lucide-react';
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../model/app-context.ts';
import { IconButton } from '../../../ui/Button.tsx';
import { toast } from '../../../ui/toast.tsx';
import { errorText } from '../../../util/error-text.ts';
import { AttachmentTray } from './AttachmentTray.tsx';
import { attachFiles, bindAttachSession } from './attach.ts';
import { EditBar, ReplyBar } from './ContextBar.tsx';
import { loadDraft, saveDraft } from './drafts.ts';
import { EmojiButton } from './EmojiButton.tsx';
import { matchMembers, mentionAt, type MentionQuery } from './mention.ts';
import { MentionList } from './MentionList.tsx';
import { membersOf } from './members-cache.ts';
import { RecordingBar } from './RecordingBar.tsx';
import { StickerButton } from './StickerButton.tsx';
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
  const session = useSession();
  const meId = session.me.get().id;
  const conversation = session.conversations.get(conversationId);
  const isGroup = conversation !== undefined && conversation.kind !== 'direct';
  const [text, setText] = useState(() => loadDraft(meId, conversationId));
  const box = useRef<HTMLTextAreaElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const caretAfter = useRef<number | null>(null);
  const typing = useTyping(session, conversationId);
  const voice = useVoice(conversationId);
  const recording = voice.state.phase !== 'idle';
  const [saving, setSaving] = useState(false);

  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [members, setMembers] = useState<Member[] | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();
  const optionId = (index: number) => `${listId}-opt-${index}`;
  const counterId = useId();

  useEffect(() => bindAttachSession(session), [session]);

  // Grow with the text up to about eight lines, then scroll.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 8 * 21 + 18)}px`;
    if (caretAfter.current !== null) {
      el.setSelectionRange(caretAfter.current, caretAfter.current);
      caretAfter.current = null;
    }
  }, [text, recording]);

  useEffect(() => {
    if (replyTo) box.current?.focus();
  }, [replyTo]);

  // Entering edit mode swaps the draft (already saved) for the message's text; leaving it
  // brings the draft back.
  const editingId = editing?.id ?? null;
  const shownEdit = useRef<string | null>(null);
  useEffect(() => {
    if (editingId === shownEdit.current) return;
    shownEdit.current = editingId;
    const next = editing ? editing.text : loadDraft(meId, conversationId);
    setText(next);
    setMention(null);
    caretAfter.current = next.length;
    box.current?.focus();
  }, [editingId, editing, meId, conversationId]);

  const change = useCallback(
    (next: string, caret?: number) => {
      setText(next);
      if (!editingId) saveDraft(meId, conversationId, next);
      if (caret !== undefined) caretAfter.current = caret;
      if (next.trim() && !editingId) typing();
    },
    [meId, conversationId, typing, editingId],
  );

  // Members are fetched on the first '@' in a group, once per conversation.
  useEffect(() => {
    if (!mention || !isGroup || members) return;
    let cancelled = false;
    membersOf(session.http, conversationId).then(
      (list) => !cancelled && setMembers(list),
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [mention, isGroup, members, session, conversationId]);

  const suggestions = mention && isGroup && members ? matchMembers(members, mention.query, meId) : [];
  const listOpen = suggestions.length > 0;
  const activeIndex = Math.min(active, suggestions.length - 1);

  const updateMention = (value: string, caret: number) => {
    const found = isGroup ? mentionAt(value, caret) : null;
    setMention((prev) => (prev?.start === found?.start && prev?.query === found?.query ? prev : found));
    if (found?.query !== mention?.query) setActive(0);
  };

  const pickMember = (member: Member) => {
    if (!mention) return;
    const caret = box.current?.selectionStart ?? text.length;
    const insert = `@${member.user.username} `;
    const next = text.slice(0, mention.start) + insert + text.slice(caret);
    change(next, mention.start + insert.length);
    setMention(null);
  };

  /** Puts text at the caret (or over the selection), e.g. an emoji. */
  const insertAtCaret = (insert: string) => {
    const el = box.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    change(text.slice(0, start) + insert + text.slice(end), start + insert.length);
  };

  const trimmed = text.trim();
  const tooLong = trimmed.length > limits.messageTextMax;

  const saveEdit = async (message: Message) => {
    if (!trimmed || tooLong || saving) return;
    if (trimmed === message.text) return onEditDone();
    setSaving(true);
    try {
      await session.http.messages.edit(message.id, trimmed);
      onEditDone();
    } catch (err) {
      toast(errorText(err), 'error'); // the new text stays in the box
    } finally {
      setSaving(false);
    }
  };

  /** ↑ in an empty box: my newest text message still standing, if any. */
  const lastEditable = (): Message | undefined =>
    session.store
      .view(conversationId)
      .messages.findLast((m) => m.senderId === meId && m.kind === 'text' && !m.recalledAt);

  const send = () => {
    if (editing) return void saveEdit(editing);
    if (!trimmed || tooLong) return;
    try {
      session.store.send(conversationId, trimmed, replyTo ? { replyToId: replyTo.id } : {});
    } catch (err) {
      toast(errorText(err), 'error'); // the text stays in the box
      return;
    }
    change('');
    setMention(null);
    if (replyTo) onReplyDone();
    box.current?.focus();
  };

  const sendSticker = (sticker: Sticker) => {
    try {
      session.store.send(conversationId, '', { stickerId: sticker.id });
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    // While an input method composes (pinyin…), Enter confirms the candidate: never send then.
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    if (listOpen) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((activeIndex + step + suggestions.length) % suggestions.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        pickMember(suggestions[activeIndex]!);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setMention(null);
        return;
      }
    }
    if (e.key === 'Escape' && (editing || replyTo)) {
      e.preventDefault();
      if (editing) onEditDone();
      else onReplyDone();
      return;
    }
    if (e.key === 'ArrowUp' && !text && !editing) {
      const last = lastEditable();
      if (last) {
        e.preventDefault();
        onEdit(last);
      }
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
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
    attachFiles(conversationId, pasted);
  };

  const refocus = () => box.current?.focus();

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
          members={suggestions}
          active={activeIndex}
          optionId={optionId}
          onPick={pickMember}
          onHover={setActive}
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
                if (picked.length > 0) attachFiles(conversationId, picked);
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
              aria-expanded={isGroup ? listOpen : undefined}
              aria-activedescendant={listOpen ? optionId(activeIndex) : undefined}
              aria-invalid={tooLong || undefined}
              aria-describedby={trimmed.length >= counterFrom ? counterId : undefined}
              enterKeyHint="send"
              onChange={(e) => {
                change(e.target.value);
                updateMention(e.target.value, e.target.selectionStart);
              }}
              onSelect={(e) => updateMention(e.currentTarget.value, e.currentTarget.selectionStart)}
              onBlur={() => setMention(null)}
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
