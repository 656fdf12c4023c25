import type { Message } from '@parley/protocol';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../model/app-context.ts';
import { toast } from '../../../ui/toast.tsx';
import { ConfirmDialog } from '../../groups/ConfirmDialog.tsx';

interface HideDialogProps {
  conversationId: string;
  messages: readonly Message[];
  /** `done`: they were deleted (selection mode, if on, has done its job). */
  onClose(done: boolean): void;
}

/**
 * "Delete for me" of one message or several picked, after one question that says what it
 * means: gone from my devices (the server keeps a per-user list and every session of mine
 * drops them), still there for everyone else.
 */
export function HideDialog({ conversationId, messages, onClose }: HideDialogProps) {
  const { t } = useTranslation('chat');
  const { session } = useSession();
  const done = useRef(false);
  const count = messages.length;
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose(done.current)}
      title={t('hide.title', { count })}
      message={t('hide.message', { count })}
      action={t('hide.confirm')}
      onConfirm={async () => {
        await session.chats.hideMessages(
          conversationId,
          messages.map((m) => m.id),
        );
        done.current = true;
        toast(t('hide.done', { count }));
      }}
    />
  );
}
