import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from '../../../ui/toast.tsx';
import { useSession } from '../../../model/app-context.ts';
import { type RecorderError, type Recording, useRecorder } from './use-recorder.ts';

/** How long the mic button must be held before it records as push-to-talk. */
const holdDelayMs = 300;
/** How far (px) a finger may stray outside the button while holding before release cancels. */
const slack = 40;

/**
 * The voice message flow: click the mic to record with Cancel/Send, or hold it (push-to-talk),
 * releasing to send and sliding away (or Escape) to cancel. The recording is uploaded as
 * `voice` and sent like an attachment, its progress shown in the tray.
 */
export function useVoice(conversationId: string) {
  const { t } = useTranslation('composer');
  const { session } = useSession();
  const [mode, setMode] = useState<'click' | 'hold'>('click');
  const [outside, setOutside] = useState(false);
  const holdTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const holding = useRef(false);
  const suppressClick = useRef(false);

  const onDone = useCallback(
    ({ blob, extension }: Recording) => {
      const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
      const name = `voice-${stamp}.${extension}`;
      // Sent as recorded: the server reads MediaRecorder's live-form WebM (unknown sizes) itself.
      session.attachments.start(conversationId, blob, { kind: 'voice', name });
    },
    [session, conversationId],
  );
  const onError = useCallback((error: RecorderError) => toast(t(`voice.errors.${error}`), 'error'), [t]);
  const { state, start, stop } = useRecorder(onDone, onError);
  const active = state.phase !== 'idle';

  const finishHold = useCallback(
    (send: boolean) => {
      clearTimeout(holdTimer.current);
      if (!holding.current) return;
      holding.current = false;
      suppressClick.current = true;
      setOutside(false);
      stop(send);
    },
    [stop],
  );

  // Escape cancels a recording in either mode.
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      if (holding.current) finishHold(false);
      else stop(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, finishHold, stop]);

  const micProps = {
    onPointerDown: (e: React.PointerEvent<HTMLButtonElement>) => {
      suppressClick.current = false;
      if (e.button !== 0 || active) return;
      e.currentTarget.setPointerCapture(e.pointerId);
      clearTimeout(holdTimer.current);
      holdTimer.current = setTimeout(() => {
        holding.current = true;
        setMode('hold');
        setOutside(false);
        void start();
      }, holdDelayMs);
    },
    onPointerMove: (e: React.PointerEvent<HTMLButtonElement>) => {
      if (!holding.current) return;
      const r = e.currentTarget.getBoundingClientRect();
      setOutside(
        e.clientX < r.left - slack ||
          e.clientX > r.right + slack ||
          e.clientY < r.top - slack ||
          e.clientY > r.bottom + slack,
      );
    },
    onPointerUp: (e: React.PointerEvent<HTMLButtonElement>) => {
      clearTimeout(holdTimer.current);
      if (!holding.current) return;
      const r = e.currentTarget.getBoundingClientRect();
      const away =
        e.clientX < r.left - slack ||
        e.clientX > r.right + slack ||
        e.clientY < r.top - slack ||
        e.clientY > r.bottom + slack;
      finishHold(!away);
    },
    onPointerCancel: () => {
      clearTimeout(holdTimer.current);
      finishHold(false);
    },
    onClick: () => {
      if (suppressClick.current) {
        suppressClick.current = false;
        return;
      }
      if (active) {
        stop(true);
        return;
      }
      setMode('click');
      void start();
    },
    // A long press must not open the context menu or select text on touch screens.
    onContextMenu: (e: React.MouseEvent) => e.preventDefault(),
  };

  useEffect(() => () => clearTimeout(holdTimer.current), []);

  return {
    state,
    mode,
    outside,
    micProps,
    cancel: () => stop(false),
    send: () => stop(true),
  };
}
