import type { Message } from '@parley/protocol';
import * as RadixDialog from '@radix-ui/react-dialog';
import { ChevronLeft, ChevronRight, Download, RotateCcw, X, ZoomIn, ZoomOut } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ReactZoomPanPinchRef, TransformComponent, TransformWrapper } from 'react-zoom-pan-pinch';
import { useSession } from '../../../model/app-context.ts';
import { useNames } from '../../../model/use-names.ts';
import { useConversationView, useSessionState } from '../../../model/use-session-state.ts';
import { Avatar } from '../../../ui/Avatar.tsx';
import { clockTime, dayLabel } from '../../../util/format-time.ts';
import { RichText } from '../message/RichText.tsx';
import { useSwipe } from './use-swipe.ts';
import styles from './ImageViewer.module.css';

interface ImageViewerProps {
  conversationId: string;
  /** The picture message shown. */
  messageId: string;
  /** Shows another of the chat's pictures; null closes the viewer. */
  onShow(messageId: string | null): void;
}

const maxScale = 8;
const zoomStep = 0.6;

/** The chat's pictures as held now (not recalled), oldest first: what previous and next walk through. */
function pictures(messages: readonly Message[]): Message[] {
  return messages.filter((m) => m.attachment?.kind === 'image' && !m.recalledAt);
}

/**
 * A picture of the chat full screen: who sent it and when, its caption, zoom (wheel, pinch,
 * double click, the buttons or + and −; drag to pan when zoomed), previous and next through the
 * chat's loaded pictures (buttons, ← and →, or a swipe when not zoomed), and a download. Escape
 * closes it, and the focus goes back to the picture in the chat that was shown last.
 */
export function ImageViewer({ conversationId, messageId, onShow }: ImageViewerProps) {
  const { t } = useTranslation('chat');
  const { session } = useSession();
  const names = useNames();
  const view = useConversationView(conversationId);
  const list = useMemo(() => pictures(view.messages), [view.messages]);
  const index = list.findIndex((m) => m.id === messageId);
  const message = list[index];
  const sender = useSessionState((s) => (message?.senderId ? s.users[message.senderId] : undefined));
  const [scale, setScale] = useState(1);
  const zoom = useRef<ReactZoomPanPinchRef>(null);
  // What had the focus when the viewer opened (the picture's button): the way back if the one
  // shown last is not on screen.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  const prev = index > 0 ? list[index - 1] : undefined;
  const next = index >= 0 && index < list.length - 1 ? list[index + 1] : undefined;
  const go = (to: Message | undefined) => {
    if (!to) return;
    setScale(1);
    onShow(to.id);
  };
  const swipe = useSwipe({ enabled: scale <= 1.01, onLeft: () => go(next), onRight: () => go(prev) });

  // Recalled while open, or its page dropped: nothing to show.
  useEffect(() => {
    if (!message) onShow(null);
  }, [message, onShow]);
  if (!message) return null;
  const a = message.attachment!;
  const senderName = names(message.senderId);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'ArrowLeft') go(prev);
    else if (e.key === 'ArrowRight') go(next);
    else if (e.key === '+' || e.key === '=') zoom.current?.zoomIn(zoomStep);
    else if (e.key === '-') zoom.current?.zoomOut(zoomStep);
    else if (e.key === '0') zoom.current?.resetTransform();
    else return;
    e.preventDefault();
  };

  return (
    <RadixDialog.Root open onOpenChange={(open) => !open && onShow(null)}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={styles.overlay} />
        <RadixDialog.Content
          className={styles.content}
          aria-describedby={undefined}
          onKeyDown={onKeyDown}
          data-testid="image-viewer"
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            const shown = document.querySelector<HTMLElement>(`[data-image-message="${message.id}"]`);
            (shown ?? (opener?.isConnected ? opener : null))?.focus();
          }}
        >
          <header className={styles.bar}>
            <Avatar src={sender?.avatarSmall} name={senderName} size={36} />
            <div className={styles.who}>
              <RadixDialog.Title className={styles.title}>
                {senderName}
                <span className="visually-hidden">, {a.name}</span>
              </RadixDialog.Title>
              <time className={styles.when} dateTime={message.createdAt}>
                {dayLabel(message.createdAt)} {clockTime(message.createdAt)}
              </time>
            </div>
            <span
              className={styles.counter}
              aria-label={t('viewer.position', { n: index + 1, count: list.length })}
            >
              {index + 1} / {list.length}
            </span>
            <div className={styles.tools}>
              <button
                type="button"
                className={styles.action}
                aria-label={t('viewer.zoomOut')}
                title={t('viewer.zoomOut')}
                disabled={scale <= 1}
                onClick={() => zoom.current?.zoomOut(zoomStep)}
              >
                <ZoomOut size={20} aria-hidden="true" />
              </button>
              <output className={styles.zoom} aria-label={t('viewer.zoomLevel')}>
                {Math.round(scale * 100)}%
              </output>
              <button
                type="button"
                className={styles.action}
                aria-label={t('viewer.zoomIn')}
                title={t('viewer.zoomIn')}
                disabled={scale >= maxScale}
                onClick={() => zoom.current?.zoomIn(zoomStep)}
              >
                <ZoomIn size={20} aria-hidden="true" />
              </button>
              <button
                type="button"
                className={styles.action}
                aria-label={t('viewer.reset')}
                title={t('viewer.reset')}
                disabled={scale === 1}
                onClick={() => zoom.current?.resetTransform()}
              >
                <RotateCcw size={18} aria-hidden="true" />
              </button>
              <a
                className={styles.action}
                href={a.url}
                download={a.name}
                aria-label={t('media.download')}
                title={t('media.download')}
              >
                <Download size={20} aria-hidden="true" />
              </a>
              <RadixDialog.Close
                className={styles.action}
                aria-label={t('common:close')}
                title={t('common:close')}
              >
                <X size={22} aria-hidden="true" />
              </RadixDialog.Close>
            </div>
          </header>
          <div
            className={styles.stage}
            {...swipe.handlers}
            onClick={(e) => {
              // A click beside the picture closes it, as on the dark backdrop; not the end of a swipe or a pan.
              if (scale <= 1.01 && !(e.target as Element).closest('img, button') && !swipe.swiped())
                onShow(null);
            }}
          >
            <TransformWrapper
              key={message.id}
              ref={zoom}
              minScale={1}
              maxScale={maxScale}
              centerOnInit
              doubleClick={{ mode: 'toggle', step: 1 }}
              panning={{ disabled: scale <= 1, velocityDisabled: true }}
              onTransform={(_, state) => setScale(Math.round(state.scale * 100) / 100)}
            >
              <TransformComponent wrapperClass={styles.zoomArea} contentClass={styles.zoomContent}>
                <img src={a.url} alt={message.text || a.name} className={styles.full} draggable={false} />
              </TransformComponent>
            </TransformWrapper>
            {prev && (
              <button
                type="button"
                className={`${styles.action} ${styles.side} ${styles.prev}`}
                aria-label={t('viewer.previous')}
                title={t('viewer.previous')}
                onClick={() => go(prev)}
              >
                <ChevronLeft size={26} aria-hidden="true" />
              </button>
            )}
            {next && (
              <button
                type="button"
                className={`${styles.action} ${styles.side} ${styles.next}`}
                aria-label={t('viewer.next')}
                title={t('viewer.next')}
                onClick={() => go(next)}
              >
                <ChevronRight size={26} aria-hidden="true" />
              </button>
            )}
          </div>
          {message.text && (
            <div className={styles.caption} data-testid="viewer-caption">
              <RichText text={message.text} myUsername={session.getSnapshot().me.username} />
            </div>
          )}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
